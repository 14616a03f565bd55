package dev.nettune.bench.coalescing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A boolean @Param is read strictly: JMH's own parsing would turn any typo into false. */
class CoalescingParamsTest {
    @Test
    void booleanParamsAcceptOnlyTrueOrFalse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CoalescingState.parseBoolean("tcpNoDelay", "yes"));
        assertTrue(e.getMessage().contains("tcpNoDelay") && e.getMessage().contains("[true, false]"), e.getMessage());
        assertFalse(CoalescingState.parseBoolean("tcpNoDelay", "false"));
    }
}
