package dev.nettune.run.options;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariantTest {

    @Test
    void builtInsByNameSeparatedByCommaOrSemicolon() {
        List<Variant> v = Variant.parseList("plainsocket, cpu0;poller1");
        assertEquals(List.of("plainsocket", "cpu0", "poller1"), v.stream().map(Variant::name).toList());
        assertTrue(v.get(0).appliesTo(17));
        assertFalse(v.get(0).appliesTo(18), "PlainSocketImpl was removed in JDK 18");
        assertFalse(v.get(2).appliesTo(21));
        assertTrue(v.get(2).appliesTo(25));
    }

    @Test
    void blankMeansNoVariants() {
        assertEquals(List.of(), Variant.parseList(" "));
        assertEquals(List.of(), Variant.parseList(null));
    }

    @Test
    void definitionWithRangeFlagsAndTaskset() {
        Variant v = Variant.parseList("pin:21+:-XX:+UseParallelGC -Dfoo=a:b taskset=0,1").get(0);
        assertEquals("pin", v.name());
        assertEquals(21, v.minFeature());
        assertEquals(Integer.MAX_VALUE, v.maxFeature());
        assertEquals(List.of("-XX:+UseParallelGC", "-Dfoo=a:b"), v.flags());
        assertEquals("taskset -c 0,1", v.placement());
        assertEquals("JDK 21+", v.range());
    }

    @Test
    void rangesStarSingleAndInterval() {
        Variant any = Variant.parseList("a:*:-Da=1").get(0);
        assertTrue(any.appliesTo(17) && any.appliesTo(99));
        assertNull(any.cpus());
        Variant one = Variant.parseList("b:17:-Db=1").get(0);
        assertTrue(one.appliesTo(17));
        assertFalse(one.appliesTo(21));
        Variant span = Variant.parseList("c:13-17:taskset=1").get(0);
        assertEquals("JDK 13-17", span.range());
        assertTrue(span.flags().isEmpty());
    }

    @Test
    void badDefinitionsSayWhatIsWrong() {
        assertMessage("unknown variant 'plain'", "plain");
        assertMessage("is not name:jdks:spec", "x:17");
        assertMessage("must be lower-case letters and digits", "Pin:*:taskset=0");
        assertMessage("is not a JDK range", "x:seventeen:-Da=1");
        assertMessage("empty JDK range", "x:21-17:-Da=1");
        assertMessage("is not a CPU list", "x:*:taskset=first");
        assertMessage("is neither a JVM flag", "x:*:UseParallelGC");
        assertMessage("has no flags and no taskset", "x:*: ");
        assertMessage("given twice", "cpu0;cpu0");
    }

    private static void assertMessage(String expected, String spec) {
        UsageException e = assertThrows(UsageException.class, () -> Variant.parseList(spec));
        assertTrue(e.getMessage().contains(expected), () -> spec + " -> " + e.getMessage());
        assertTrue(e.getMessage().startsWith("nettune.variants: "), e.getMessage());
    }
}
