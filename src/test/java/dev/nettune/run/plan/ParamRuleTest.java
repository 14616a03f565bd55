package dev.nettune.run.plan;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ParamRuleTest {
    enum Colour { RED, GREEN }

    /** Stands in for a benchmark class: the fields JMH would inject. */
    static class Base {
        public String inherited;
    }

    static class Fields extends Base {
        public int size;
        public long big;
        public byte tiny;
        public int offset;
        public double ratio;
        public boolean flag;
        public Boolean boxedFlag;
        public Colour colour;
        public String free;
        public char c;
    }

    static ParamRule rule(String field, String... declared) {
        return ParamRule.of(Fields.class.getName(), field, List.of(declared), ParamRuleTest.class.getClassLoader());
    }

    @Test
    void wholeNumbersOfTheFieldsTypeAndNoNegativeUnlessDeclared() {
        ParamRule size = rule("size", "64", "1024");
        assertEquals(ParamRule.Kind.INTEGER, size.kind());
        assertNull(size.refusal("0"));
        assertNull(size.refusal("123456"), "any size, not only the declared ones");
        assertEquals("ParamRuleTest$Fields.size is an int; '64k' is not a whole number of that type", size.refusal("64k"));
        assertEquals("ParamRuleTest$Fields.size is an int; '3000000000' is not a whole number of that type", size.refusal("3000000000"));
        assertEquals("ParamRuleTest$Fields.size takes no negative value (none is declared); not '-1'", size.refusal("-1"));
        assertNull(rule("offset", "-1", "1").refusal("-5"));
        assertNull(rule("big", "1").refusal("3000000000"));
        assertEquals("ParamRuleTest$Fields.tiny is a byte; '300' is not a whole number of that type", rule("tiny", "1").refusal("300"));
    }

    @Test
    void otherPrimitivesAreParsedStrictly() {
        assertNull(rule("ratio", "0.5").refusal("1e-3"));
        assertEquals("ParamRuleTest$Fields.ratio needs a finite number, not 'NaN'", rule("ratio", "0.5").refusal("NaN"));
        assertEquals("ParamRuleTest$Fields.flag is a boolean; 'yes' is not true or false", rule("flag", "true").refusal("yes"));
        assertNull(rule("boxedFlag", "true").refusal("false"));
        assertEquals("ParamRuleTest$Fields.c is a char; 'ab' is not one character", rule("c", "a").refusal("ab"));
    }

    @Test
    void enumsAndConstantNamedStringsAreClosedSets() {
        assertEquals("ParamRuleTest$Fields.colour accepts RED; not 'GREEN'", rule("colour", "RED").refusal("GREEN"),
                "the declared list is the documented grid, even of an enum");
        ParamRule inherited = rule("inherited", "STREAM", "CHANNEL");
        assertEquals(ParamRule.Kind.CLOSED, inherited.kind(), "fields of superclasses are found");
        assertEquals("ParamRuleTest$Fields.inherited accepts STREAM, CHANNEL; not 'stream'", inherited.refusal("stream"));
        assertEquals(ParamRule.Kind.TEXT, rule("free", "hello world").kind());
        assertNull(rule("free", "hello world").refusal("anything"));
    }

    @Test
    void withoutTheClassTheRuleIsInferredFromTheDeclaredValues() {
        ParamRule numbers = ParamRule.of("no.such.Benchmark", "n", List.of("1", "16"), getClass().getClassLoader());
        assertEquals(ParamRule.Kind.INTEGER, numbers.kind());
        assertEquals("Benchmark.n is a long; 'x' is not a whole number of that type", numbers.refusal("x"));
        assertEquals(ParamRule.Kind.CLOSED, ParamRule.of("no.such.Benchmark", "m", List.of("A_B", "C"), getClass().getClassLoader()).kind());
        assertEquals(ParamRule.Kind.TEXT, ParamRule.of("no.such.Benchmark", "t", List.of("a b"), getClass().getClassLoader()).kind());
    }
}
