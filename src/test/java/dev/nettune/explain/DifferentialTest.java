package dev.nettune.explain;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DifferentialTest {
    private static final Path DIR = Path.of("src/test/resources/explain");

    private static Differential.Node child(Differential.Node n, String name) {
        return n.children().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    private static Differential shares() throws Exception {
        Map<String, Long> a = Collapsed.read(DIR.resolve("base.collapsed"));
        Map<String, Long> b = Collapsed.read(DIR.resolve("candidate.collapsed"));
        return Differential.of(a, b, Differential.Normalization.share(Collapsed.total(a), Collapsed.total(b)));
    }

    @Test
    void sharesOfTheirOwnSamplesMergedFrameByFrame() throws Exception {
        Differential d = shares();
        Differential.Node run = child(d.root(), "Thread.run");
        assertEquals(100, d.root().a(), 1e-9);
        assertEquals(100, d.root().b(), 1e-9);
        Differential.Node write = child(child(run, "Client.stream"), "SocketOutputStream.write");
        assertEquals(80, write.a(), 1e-9);
        assertEquals(60, write.b(), 1e-9);
        assertEquals(80, child(write, "socketWrite0").a(), 1e-9);
        assertEquals(0, child(write, "socketWrite0").b(), 1e-9, "a frame only the baseline has is 0 on the candidate");
        assertEquals(40, child(child(child(write, "NioSocketImpl.write"), "park"), "poll").b(), 1e-9);
        assertEquals(80, d.maxAbsDelta(), 1e-9, "socketWrite0 went from 80% to 0");
        assertEquals(List.of("NioSocketImpl.write", "socketWrite0"), write.children().stream().map(Differential.Node::name).toList());
    }

    @Test
    void selfChangesSummedOverCallSitesLargestFirst() throws Exception {
        List<Differential.FrameDelta> top = shares().topSelf(3);
        assertEquals("write", top.get(0).frame());
        assertEquals(80, top.get(0).a(), 1e-9);
        assertEquals(20, top.get(0).b(), 1e-9);
        assertEquals("poll", top.get(1).frame());
        assertEquals(40, top.get(1).delta(), 1e-9);
        assertEquals("read", top.get(2).frame());
        assertEquals(20, top.get(2).delta(), 1e-9);
    }

    @Test
    void perOperationScalesEachSideByItsOwnOperations() throws Exception {
        Map<String, Long> a = Collapsed.read(DIR.resolve("base.collapsed"));
        Map<String, Long> b = Collapsed.read(DIR.resolve("candidate.collapsed"));
        // 1 ms per sample; the baseline ran 10 operations, the candidate 100.
        Differential d = Differential.of(a, b, Differential.Normalization.perOp("ns CPU/op", 1e6, 10, 1e6, 100));
        assertEquals(100 * 1e6 / 10, d.root().a(), 1e-3);
        assertEquals(100 * 1e6 / 100, d.root().b(), 1e-3);
        Differential.Node read = child(child(d.root(), "Thread.run"), "Server.read");
        assertEquals(10 * 1e5, read.a(), 1e-3);
        assertEquals(30 * 1e4, read.b(), 1e-3);
    }

    @Test
    void theSvgIsWellFormedWithATooltipPerFrameAndColoursByChange() throws Exception {
        String svg = DiffFlameSvg.render(shares(), "diff <test> & more", "jdk17", "jdk25");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        NodeList titles = doc.getElementsByTagName("title");
        assertEquals(13, titles.getLength(), "one tooltip per frame: all, Thread.run and eleven below");
        assertTrue(svg.contains("socketWrite0\njdk17: 80.0 % of samples"), "tooltip names both JVMs' values");
        assertTrue(svg.contains("fill=\"" + DiffFlameSvg.colour(-1) + "\""), "the frame that vanished is fully blue");
        assertTrue(!svg.contains("http:") || svg.indexOf("http:") == svg.indexOf("http://www.w3.org/2000/svg"),
                "no external resource: only the SVG namespace");
        assertEquals("#dddddd", DiffFlameSvg.colour(0));
        assertEquals("#d62728", DiffFlameSvg.colour(1));
    }

    @Test
    void aMethodCompiledOnOneJvmAndInterpretedOnTheOtherIsOneFrame() {
        Differential d = Differential.of(Map.of("a.B.run_[j];write_[k]", 1L), Map.of("a.B.run_[0];write_[k]", 1L),
                Differential.Normalization.share(1, 1));
        assertEquals(List.of("a.B.run"), d.root().children().stream().map(Differential.Node::name).toList());
        assertEquals("write_[k]", d.root().children().get(0).children().get(0).name(), "kernel frames keep their mark");
        assertEquals(0, d.maxAbsDelta(), 1e-12);
    }

    @Test
    void wallClockKeepsTheThreadsRunningNettuneCode() {
        Map<String, Long> ours = PointPage.nettuneThreads(Map.of("Thread.run;dev.nettune.client.X.write;write", 3L, "GC;futex", 9L));
        assertEquals(Map.of("Thread.run;dev.nettune.client.X.write;write", 3L), ours);
        assertEquals(Map.of("GC;futex", 9L), PointPage.nettuneThreads(Map.of("GC;futex", 9L)), "none of ours: all kept");
    }

    @Test
    void aCollapsedLineWithoutAValueNamesItsFileAndLine() {
        Exception e = assertThrows(java.io.IOException.class, () -> Collapsed.parse(List.of("a;b 1", "a;b;c"), "x.collapsed"));
        assertTrue(e.getMessage().startsWith("x.collapsed:2: "), e.getMessage());
    }

    @Test
    void aThreadsRootIsTheSameOnJdk17AndOnJdk25() throws Exception {
        // collapsed stacks as jfr-converter writes them from the two JDKs' profiles of one point
        Map<String, Long> jdk17 = Collapsed.parse(List.of(
                "java.lang.Thread.run_[0];java.util.concurrent.ThreadPoolExecutor$Worker.run_[0];dev.nettune.client.X.write_[j];write_[k] 6",
                "java.lang.Thread.run_[0];dev.nettune.server.SelectorServer$EventLoop.run_[0];epoll_wait_[k] 4"), "jdk17.collapsed");
        Map<String, Long> jdk25 = Collapsed.parse(List.of(
                "java.lang.Thread.run_[0];java.lang.Thread.runWith_[0];java.util.concurrent.ThreadPoolExecutor$Worker.run_[0];"
                        + "dev.nettune.client.X.write_[j];write_[k] 6",
                "java.lang.Thread.run_[0];java.lang.Thread.runWith_[1];dev.nettune.server.SelectorServer$EventLoop.run_[0];epoll_wait_[k] 4",
                "jdk.internal.misc.InnocuousThread.run_[0];java.lang.Thread.run_[0];java.lang.Thread.runWith_[0];Cleaner.run_[0] 0"),
                "jdk25.collapsed");
        assertEquals(Map.of(
                "java.lang.Thread.run_[0];java.util.concurrent.ThreadPoolExecutor$Worker.run_[0];dev.nettune.client.X.write_[j];write_[k]", 6L,
                "java.lang.Thread.run_[0];dev.nettune.server.SelectorServer$EventLoop.run_[0];epoll_wait_[k]", 4L,
                "jdk.internal.misc.InnocuousThread.run_[0];java.lang.Thread.run_[0];Cleaner.run_[0]", 0L), Differential.sameRoots(jdk25));
        assertEquals(jdk17, Differential.sameRoots(jdk17), "JDK 17's stacks are left as they are");
        Differential d = Differential.of(jdk17, jdk25, Differential.Normalization.share(10, 10));
        Differential.Node run = child(d.root(), "java.lang.Thread.run");
        assertEquals(List.of("dev.nettune.server.SelectorServer$EventLoop.run", "java.util.concurrent.ThreadPoolExecutor$Worker.run"),
                run.children().stream().map(Differential.Node::name).toList(), "no runWith under Thread.run");
        assertEquals(0, d.maxAbsDelta(), 1e-12, "the same work on both JDKs: no difference at the root or below");
        // a runWith that is not right under Thread.run is code, and stays
        assertEquals(Map.of("Main.main;java.lang.Thread.runWith;c", 1L), Differential.sameRoots(Map.of("Main.main;java.lang.Thread.runWith;c", 1L)));
    }
}
