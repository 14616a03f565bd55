package dev.nettune.placement;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A placement's text form: what parses, what it means, what is refused and how the refusal reads. */
class PlacementTest {

    @Test
    void everyFormParsesAndPrintsBackAsGiven() {
        for (String text : new String[] {"inprocess", "process", "netns", "netns:rate=1gbit", "netns:delay=5ms",
                "netns:rate=10gbit:delay=200us", "remote=192.0.2.7:7000", "remote=[2001:db8::7]:7000", "remote=host-a.example:9"}) {
            assertEquals(text, Placement.parse(text).toString(), text);
        }
        assertTrue(Placement.parse("inprocess").inProcess());
        assertEquals(Placement.Kind.NETNS, Placement.parse("netns:delay=1ms:rate=100mbit").kind());
        assertEquals("netns:rate=100mbit:delay=1ms", Placement.parse("netns:delay=1ms:rate=100mbit").toString(), "one canonical order");
        Placement remote = Placement.parse("remote=[2001:db8::7]:7000");
        assertEquals("2001:db8::7", remote.host());
        assertEquals(7000, remote.port());
    }

    @Test
    void ratesReadAsTcReadsThem() {
        assertEquals(1_000_000_000L, Placement.parse("netns:rate=1gbit").rateBitsPerSecond());
        assertEquals(10_000_000_000L, Placement.parse("netns:rate=10GBIT").rateBitsPerSecond());
        assertEquals(800_000_000L, Placement.parse("netns:rate=100mbps").rateBitsPerSecond(), "bps is bytes per second in tc");
        assertEquals(0, Placement.parse("netns").rateBitsPerSecond());
        assertNull(Placement.parse("netns").rate());
    }

    @Test
    void tbfBucketIsOneMillisecondAtTheRateButNeverBelowTwoGsoPackets() {
        assertEquals(Netns.MIN_BURST_BYTES, Netns.burstBytes("1gbit"), "1 ms at 1 Gbit/s is 125,000 B: below 128 KiB");
        assertEquals(1_250_000, Netns.burstBytes("10gbit"));
        assertEquals(Netns.MIN_BURST_BYTES, Netns.burstBytes("100mbit"));
    }

    @Test
    void badTextIsRefusedNamingTheValidForms() {
        assertEquals("unknown placement 'netsn'; valid: " + Placement.FORMS,
                assertThrows(IllegalArgumentException.class, () -> Placement.parse("netsn")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Placement.parse("netns:rate=fast")).getMessage()
                .contains("'rate=fast' is not rate=RATE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Placement.parse("netns:rate=1gbit:rate=2gbit")).getMessage()
                .contains("each at most once"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Placement.parse("remote=host")).getMessage()
                .contains("remote=HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Placement.parse("remote=host:70000")).getMessage()
                .contains("port must be 1..65535"));
        assertThrows(IllegalArgumentException.class, () -> Placement.parse("process:rate=1gbit"));
        assertThrows(IllegalArgumentException.class, () -> Placement.parse(""));
    }

    @Test
    void linkAddressesComeFromTheBenchmarkingBlock() {
        assertEquals("198.18.0.1", Netns.slotAddress(0, 1).getHostAddress());
        assertEquals("198.18.0.2", Netns.slotAddress(0, 2).getHostAddress());
        assertEquals("198.19.255.254", Netns.slotAddress(Netns.SLOTS - 1, 2).getHostAddress(), "the last /30 of 198.18.0.0/15");
    }
}
