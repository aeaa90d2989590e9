package io.eventyard.broker.scenario.harness;

/**
 * One AMQP 0-9-1 frame as it crosses the wire (spec 4.2.3): type, channel, payload; the frame-end octet is
 * checked when reading and added when writing. Immutable by convention: the payload array is not copied.
 */
public record RawFrame(int type, int channel, byte[] payload) {

    public static final int METHOD = 1;
    public static final int HEADER = 2;
    public static final int BODY = 3;
    public static final int HEARTBEAT = 8;
    public static final int FRAME_END = 0xCE;

    /** Octets of a frame around its payload: type (1), channel (2), size (4), frame-end (1). */
    public static final int OVERHEAD = 8;

    public boolean isMethod(int classId, int methodId) {
        return type == METHOD && payload.length >= 4
                && ((payload[0] & 0xff) << 8 | payload[1] & 0xff) == classId
                && ((payload[2] & 0xff) << 8 | payload[3] & 0xff) == methodId;
    }

    /** The method's arguments, positioned after its class and method ids. */
    public MethodReader arguments() {
        if (type != METHOD) {
            throw new IllegalStateException("not a method frame: " + this);
        }
        return new MethodReader(payload);
    }

    @Override
    public String toString() {
        String what = type == METHOD && payload.length >= 4
                ? "method " + ((payload[0] & 0xff) << 8 | payload[1] & 0xff) + "." + ((payload[2] & 0xff) << 8 | payload[3] & 0xff)
                : "type " + type;
        return "RawFrame[" + what + ", channel " + channel + ", " + payload.length + " octets]";
    }
}
