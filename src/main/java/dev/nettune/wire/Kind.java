package dev.nettune.wire;

/** A Kind is what a frame asks for, or what it answers. */
public enum Kind {
    /** Request: the server sends the payload back in an {@link #ECHO_REPLY}. */
    ECHO(1),
    /** Request: the server reads the payload and answers with a header-only {@link #ACK_REPLY}. */
    ACK(2),
    /** Reply to {@link #ECHO}: same length, sequence number and CRC as the request. */
    ECHO_REPLY(3),
    /** Reply to {@link #ACK}: length 0; sequence number and the CRC the server computed. */
    ACK_REPLY(4),
    /**
     * Control request, no payload: the server answers with a {@link #STATS_REPLY} and counts the
     * connection as a control connection, not as one it serves (its frames and bytes stay out of
     * the counters), so a benchmark can read a server in another process or on another host.
     */
    STATS(5),
    /** Reply to {@link #STATS}: the server's counters and settings as a UTF-8 JSON object; sequence number of the request, CRC32C of the payload. */
    STATS_REPLY(6);

    private static final Kind[] BY_CODE = {null, ECHO, ACK, ECHO_REPLY, ACK_REPLY, STATS, STATS_REPLY};

    public final byte code;

    Kind(int code) {
        this.code = (byte) code;
    }

    /** The reply kind a server sends for this request kind. */
    public Kind reply() {
        switch (this) {
            case ECHO: return ECHO_REPLY;
            case ACK: return ACK_REPLY;
            case STATS: return STATS_REPLY;
            default: throw new IllegalStateException(this + " is a reply, not a request");
        }
    }

    public boolean isRequest() {
        return this == ECHO || this == ACK || this == STATS;
    }

    /** The kind with this code, or null when the code is unknown. */
    public static Kind ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
