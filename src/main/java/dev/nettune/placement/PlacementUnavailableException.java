package dev.nettune.placement;

import java.io.IOException;

/**
 * A PlacementUnavailableException says a placement cannot be had here — not root, no {@code ip} or
 * {@code tc}, a qdisc the kernel lacks, a remote server configured otherwise than the point — and
 * why, in words a skipped point can carry. Not a failure of the benchmark.
 */
public class PlacementUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public PlacementUnavailableException(String reason) {
        super(reason);
    }
}
