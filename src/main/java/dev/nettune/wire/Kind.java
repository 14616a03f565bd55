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
    ACK_REPLY(4);

    private static final Kind[] BY_CODE = {null, ECHO, ACK, ECHO_REPLY, ACK_REPLY};

    public final byte code;

    Kind(int code) {
        this.code = (byte) code;
    }

    /** The reply kind a server sends for this request kind. */
    public Kind reply() {
        switch (this) {
            case ECHO: return ECHO_REPLY;
            case ACK: return ACK_REPLY;
            default: throw new IllegalStateException(this + " is a reply, not a request");
        }
    }

    public boolean isRequest() {
        return this == ECHO || this == ACK;
    }

    /** The kind with this code, or null when the code is unknown. */
    public static Kind ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
