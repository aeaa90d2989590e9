package io.eventyard.broker.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Changes to and from record payloads; the layout is the table in {@code package-info}. */
final class DefinitionCodec {

    static final int PUT = 1;
    static final int REMOVE = 2;

    static final int VHOST = 1;
    static final int USER = 2;
    static final int PERMISSION = 3;
    static final int EXCHANGE = 4;
    static final int QUEUE = 5;
    static final int BINDING = 6;
    static final int TOPIC_PERMISSION = 7;

    private DefinitionCodec() {
    }

    static byte[] encode(List<DefinitionChange> changes) {
        RecordWriter out = new RecordWriter();
        out.i32(changes.size());
        for (DefinitionChange change : changes) {
            out.u8(change.action() == DefinitionChange.Action.PUT ? PUT : REMOVE);
            write(out, change.definition());
        }
        return out.toByteArray();
    }

    /** The size one definition adds to a record, for estimating the size of a compacted log. */
    static int encodedSize(Definition definition) {
        RecordWriter out = new RecordWriter();
        out.u8(PUT);
        write(out, definition);
        return out.size();
    }

    static List<DefinitionChange> decode(ByteBuffer payload) {
        RecordReader in = new RecordReader(payload);
        int count = in.i32();
        if (count < 1) {
            throw new MalformedRecordException("change count " + count);
        }
        List<DefinitionChange> changes = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            int action = in.u8();
            Definition definition = read(in);
            if (action == PUT) {
                changes.add(DefinitionChange.put(definition));
            } else if (action == REMOVE) {
                changes.add(DefinitionChange.remove(definition));
            } else {
                throw new MalformedRecordException("unknown action " + action);
            }
        }
        if (in.hasRemaining()) {
            throw new MalformedRecordException("bytes left after the last change");
        }
        return changes;
    }

    private static void write(RecordWriter out, Definition definition) {
        if (definition instanceof VirtualHostDefinition v) {
            out.u8(VHOST);
            out.string(v.name());
        } else if (definition instanceof UserDefinition u) {
            out.u8(USER);
            out.string(u.name());
            out.bytes(u.passwordHash());
            out.bytes(u.salt());
            out.i32(u.tags().size());
            u.tags().forEach(out::string);
        } else if (definition instanceof PermissionDefinition p) {
            out.u8(PERMISSION);
            out.string(p.user());
            out.string(p.vhost());
            out.string(p.configure());
            out.string(p.write());
            out.string(p.read());
        } else if (definition instanceof TopicPermissionDefinition t) {
            out.u8(TOPIC_PERMISSION);
            out.string(t.user());
            out.string(t.vhost());
            out.string(t.exchange());
            out.string(t.write());
            out.string(t.read());
        } else if (definition instanceof ExchangeDefinition e) {
            out.u8(EXCHANGE);
            out.string(e.vhost());
            out.string(e.name());
            out.string(e.type());
            out.bool(e.autoDelete());
            out.bool(e.internal());
            ArgumentTable.write(out, e.arguments());
        } else if (definition instanceof QueueDefinition q) {
            out.u8(QUEUE);
            out.string(q.vhost());
            out.string(q.name());
            out.bool(q.autoDelete());
            ArgumentTable.write(out, q.arguments());
        } else if (definition instanceof BindingDefinition b) {
            out.u8(BINDING);
            out.string(b.vhost());
            out.string(b.source());
            out.string(b.destinationKind());
            out.string(b.destination());
            out.string(b.routingKey());
            ArgumentTable.write(out, b.arguments());
        } else {
            throw new IllegalArgumentException("unknown definition " + definition);
        }
    }

    private static Definition read(RecordReader in) {
        int kind = in.u8();
        switch (kind) {
            case VHOST:
                return new VirtualHostDefinition(in.string());
            case USER: {
                String name = in.string();
                byte[] hash = in.bytes();
                byte[] salt = in.bytes();
                int count = in.count();
                List<String> tags = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    tags.add(in.string());
                }
                return new UserDefinition(name, hash, salt, tags);
            }
            case PERMISSION:
                return new PermissionDefinition(in.string(), in.string(), in.string(), in.string(), in.string());
            case TOPIC_PERMISSION:
                return new TopicPermissionDefinition(in.string(), in.string(), in.string(), in.string(), in.string());
            case EXCHANGE:
                return new ExchangeDefinition(in.string(), in.string(), in.string(), in.bool(), in.bool(),
                        ArgumentTable.read(in));
            case QUEUE:
                return new QueueDefinition(in.string(), in.string(), in.bool(), ArgumentTable.read(in));
            case BINDING:
                return new BindingDefinition(in.string(), in.string(), in.string(), in.string(), in.string(),
                        ArgumentTable.read(in));
            default:
                throw new MalformedRecordException("unknown definition kind " + kind);
        }
    }
}
