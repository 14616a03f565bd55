package dev.nettune.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The records read older and odd shapes as the hand-written readers did, and write in their field order. */
class RecordsTest {

    @Test
    void aForkLineOfAnOlderRunnerReadsWithItsAbsentFieldsNull() throws IOException {
        ForkLine f = JsonLines.bind(JsonLines.object(
                "{\"jvm\":\"jdk17\",\"benchmark\":\"a.B.m\",\"mode\":\"thrpt\",\"block\":2,\"status\":\"ok\",\"row\":0,\"score\":\"NaN\",\"extra\":1}"),
                ForkLine.class);
        assertEquals("jdk17", f.jvm());
        assertEquals(2, f.block());
        assertNull(f.seq());
        assertNull(f.point());
        assertEquals(Map.of(), f.params());
        assertEquals(Double.NaN, f.score());
    }

    @Test
    void aValueThatDoesNotFitNamesItsField() throws IOException {
        ObjectNode n = JsonLines.object("{\"jvm\":\"jdk17\",\"benchmark\":\"a.B.m\",\"mode\":\"thrpt\",\"block\":\"two\",\"status\":\"ok\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonLines.bind(n, ForkLine.class));
        assertEquals(true, e.getMessage().contains("Integer"), e.getMessage());
    }

    @Test
    void sockoptValuesOfOlderFilesReadAsNumbersOrUnknown() throws IOException {
        SockoptLine l = SockoptLine.of(JsonLines.object(
                "{\"benchmark\":\"b\",\"params\":{},\"endpoint\":\"client\",\"option\":\"TCP_NODELAY\",\"requested\":true,\"effective\":\"1\",\"kernel\":\"x\"}"));
        SockoptLine.Option o = assertInstanceOf(SockoptLine.Option.class, l);
        assertEquals(1L, o.requested());
        assertEquals(1L, o.effective());
        assertNull(o.kernel());
        assertInstanceOf(SockoptLine.KernelSetting.class, SockoptLine.of(JsonLines.object(
                "{\"benchmark\":\"b\",\"params\":{},\"endpoint\":\"kernel\",\"option\":\"net.core.wmem_max\",\"value\":\"4194304\"}")));
    }

    @Test
    void skipParamsReadAsTextOrAsAnObject() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("b", "2");
        expected.put("a", "1");
        assertEquals(expected, JsonLines.bind(JsonLines.object("{\"benchmark\":\"x\",\"params\":\"b=2, a=1\"}"), SkipLine.class).paramMap());
        assertEquals(expected, JsonLines.bind(JsonLines.object("{\"benchmark\":\"x\",\"params\":{\"b\":\"2\",\"a\":1}}"), SkipLine.class).paramMap());
    }

    @Test
    void writtenLinesKeepTheFieldOrderAndNulls(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("TWRecycled", 0L);
        counters.put("ListenOverflows", 3L);
        ReuseLine reuse = new ReuseLine("b", "thrpt", new TreeMap<>(Map.of("z", "1", "a", "2")), "warmup", 1, 10, 0,
                null, null, null, null, 1, 0, counters, "32768 60999", null);
        Path file = dir.resolve(ResultFiles.REUSE);
        JsonLines.append(file, List.of(reuse, new SockoptLine.Option("b", Map.of(), "client", "SO_SNDBUF", null, 4096L, 8192L)));
        assertEquals(List.of(
                "{\"benchmark\":\"b\",\"mode\":\"thrpt\",\"params\":{\"a\":\"2\",\"z\":\"1\"},\"phase\":\"warmup\",\"iteration\":1,"
                        + "\"clientOperations\":10,\"latencyCount\":0,\"timeWait\":1,\"poolReplaced\":0,\"sysTWRecycled\":0,"
                        + "\"sysListenOverflows\":3,\"ipLocalPortRange\":\"32768 60999\",\"tcpTwReuse\":null}",
                "{\"benchmark\":\"b\",\"params\":{},\"endpoint\":\"client\",\"option\":\"SO_SNDBUF\",\"requested\":null,"
                        + "\"effective\":4096,\"kernel\":8192}"), Files.readAllLines(file));
        assertEquals(reuse, ReuseLine.of(JsonLines.object(Files.readAllLines(file).get(0))));
    }
}
