package io.eventyard.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventyard.broker.core.message.LongString;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionStoreTest {

    private static final VirtualHostDefinition VHOST = new VirtualHostDefinition("/");
    private static final VirtualHostDefinition OTHER_VHOST = new VirtualHostDefinition("other");
    private static final UserDefinition GUEST = new UserDefinition("guest", bytes(32, 7), bytes(4, 1),
            List.of("administrator"));
    private static final PermissionDefinition GUEST_ON_ROOT = new PermissionDefinition("guest", "/", ".*", ".*", ".*");

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryKindThroughReopen() throws Exception {
        ExchangeDefinition exchange = new ExchangeDefinition("/", "shop.events", "topic", false, true,
                Map.of("alternate-exchange", "shop.unrouted"));
        QueueDefinition queue = new QueueDefinition("/", "order.placed", true, everyFieldType());
        BindingDefinition binding = new BindingDefinition("/", "shop.events", BindingDefinition.QUEUE, "order.placed",
                "order.#", everyFieldType());
        BindingDefinition e2e = new BindingDefinition("/", "shop.events", BindingDefinition.EXCHANGE, "audit", "", null);

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            for (Definition d : List.of(VHOST, GUEST, GUEST_ON_ROOT, exchange, queue, binding, e2e)) {
                store.put(d);
            }
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            Definitions loaded = store.load();
            assertThat(loaded.vhosts()).containsExactly(VHOST);
            assertThat(loaded.users()).containsExactly(GUEST);
            assertThat(loaded.users().get(0).passwordHash()).isEqualTo(bytes(32, 7));
            assertThat(loaded.users().get(0).salt()).isEqualTo(bytes(4, 1));
            assertThat(loaded.permissions()).containsExactly(GUEST_ON_ROOT);
            assertThat(loaded.exchanges()).containsExactly(exchange);
            assertThat(loaded.queues()).containsExactly(queue);
            assertThat(loaded.bindings()).containsExactly(binding, e2e);
            assertThat(loaded.queues().get(0).arguments()).containsKey("void").containsEntry("void", null);
            assertThat(loaded.queues().get(0).arguments().get("bytes")).isEqualTo(new byte[] {1, 2, 3});
            assertThat(loaded.queues().get(0).arguments().keySet()).containsExactlyElementsOf(everyFieldType().keySet());
        }
    }

    @Test
    void startsEmptyInANewDirectory() throws Exception {
        Path nested = dir.resolve("a/b");

        try (DefinitionStore store = DefinitionStore.open(nested)) {
            assertThat(store.load()).isEqualTo(Definitions.empty());
            assertThat(store.file()).isEqualTo(nested.resolve("definitions.log"));
        }
        assertThat(Files.size(nested.resolve("definitions.log"))).isEqualTo(8);
    }

    @Test
    void putReplacesADefinitionInPlace() throws Exception {
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(GUEST);
            store.put(new UserDefinition("admin", bytes(32, 1), bytes(4, 2), List.of()));
            store.put(new UserDefinition("guest", bytes(32, 9), bytes(4, 9), List.of()));
            store.put(new PermissionDefinition("guest", "/", "", "", "^amq"));
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().users()).extracting(UserDefinition::name).containsExactly("guest", "admin");
            assertThat(store.load().users().get(0).passwordHash()).isEqualTo(bytes(32, 9));
            assertThat(store.load().permissions()).containsExactly(new PermissionDefinition("guest", "/", "", "", "^amq"));
        }
    }

    @Test
    void removalCascadesAndSurvivesReopen() throws Exception {
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(VHOST);
            store.put(OTHER_VHOST);
            store.put(GUEST);
            store.put(GUEST_ON_ROOT);
            store.put(new PermissionDefinition("guest", "other", ".*", ".*", ".*"));
            store.put(new ExchangeDefinition("/", "x", "direct", false, false, null));
            store.put(new ExchangeDefinition("/", "y", "fanout", false, false, null));
            store.put(new ExchangeDefinition("other", "x", "direct", false, false, null));
            store.put(new QueueDefinition("/", "q", false, null));
            store.put(new QueueDefinition("/", "r", false, null));
            store.put(new QueueDefinition("other", "q", false, null));
            store.put(binding("/", "x", "queue", "q"));
            store.put(binding("/", "x", "queue", "r"));
            store.put(binding("/", "y", "exchange", "x"));
            store.put(binding("/", "y", "queue", "q"));
            store.put(binding("/", "x", "exchange", "y"));
            store.put(binding("other", "x", "queue", "q"));

            store.remove(new QueueDefinition("/", "q", false, null));
            assertThat(store.load().bindings()).containsExactly(binding("/", "x", "queue", "r"),
                    binding("/", "y", "exchange", "x"), binding("/", "x", "exchange", "y"), binding("other", "x", "queue", "q"));

            store.remove(new ExchangeDefinition("/", "x", "direct", false, false, null));
            assertThat(store.load().bindings()).containsExactly(binding("other", "x", "queue", "q"));

            store.remove(new UserDefinition("guest", null, null, null));
            assertThat(store.load().permissions()).isEmpty();
            assertThat(store.load().users()).isEmpty();

            store.remove(OTHER_VHOST);
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            Definitions loaded = store.load();
            assertThat(loaded.vhosts()).containsExactly(VHOST);
            assertThat(loaded.exchanges()).containsExactly(new ExchangeDefinition("/", "y", "fanout", false, false, null));
            assertThat(loaded.queues()).containsExactly(new QueueDefinition("/", "r", false, null));
            assertThat(loaded.bindings()).isEmpty();
            assertThat(loaded.permissions()).isEmpty();
        }
    }

    @Test
    void bindingIdentityIgnoresTopLevelArgumentOrderButNotTypes() throws Exception {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", new byte[] {1});
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", new byte[] {1});
        ba.put("a", 1);

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(new BindingDefinition("/", "x", "queue", "q", "k", ab));
            store.put(new BindingDefinition("/", "x", "queue", "q", "k", ba));
            store.put(new BindingDefinition("/", "x", "queue", "q", "k", Map.of("a", 1L, "b", new byte[] {1})));
            assertThat(store.load().bindings()).hasSize(2);

            store.remove(new BindingDefinition("/", "x", "queue", "q", "k", ba));
            assertThat(store.load().bindings()).extracting(b -> b.arguments().get("a")).containsExactly(1L);
        }
    }

    @Test
    void severalChangesAreAppliedTogether() throws Exception {
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.apply(List.of(DefinitionChange.put(VHOST),
                    DefinitionChange.put(new ExchangeDefinition("/", "amq.direct", "direct", false, false, null)),
                    DefinitionChange.put(new ExchangeDefinition("/", "amq.topic", "topic", false, false, null)),
                    DefinitionChange.remove(new ExchangeDefinition("/", "amq.direct", "", false, false, null))));
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().exchanges()).extracting(ExchangeDefinition::name).containsExactly("amq.topic");
        }
    }

    @Test
    void compactsOnceTheLogOutgrowsTheLiveSet() throws Exception {
        Path log = dir.resolve("definitions.log");
        try (DefinitionStore store = DefinitionStore.open(dir, FileChannels.DEFAULT, 4096)) {
            store.put(VHOST);
            long largest = 0;
            for (int i = 0; i < 500; i++) {
                store.put(new QueueDefinition("/", "temp", false, Map.of("x-message-ttl", i)));
                store.remove(new QueueDefinition("/", "temp", false, null));
                largest = Math.max(largest, Files.size(log));
            }
            store.put(new QueueDefinition("/", "kept", false, Map.of("x-max-length", 10)));

            assertThat(largest).isLessThan(4096 + 200);
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().vhosts()).containsExactly(VHOST);
            assertThat(store.load().queues()).containsExactly(new QueueDefinition("/", "kept", false, Map.of("x-max-length", 10)));
        }
    }

    @Test
    void explicitCompactionKeepsExactlyTheLiveSet() throws Exception {
        List<BindingDefinition> bindings = new ArrayList<>();
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(VHOST);
            for (int i = 0; i < 1200; i++) {
                BindingDefinition b = binding("/", "x", "queue", "q" + i);
                store.put(b);
                if (i % 3 == 0) {
                    store.remove(b);
                } else {
                    bindings.add(b);
                }
            }
            Definitions before = store.load();
            long sizeBefore = Files.size(store.file());

            assertThat(store.compact()).isTrue();

            assertThat(Files.size(store.file())).isLessThan(sizeBefore / 2);
            assertThat(store.load()).isEqualTo(before);
            store.put(binding("/", "x", "queue", "after"));
            bindings.add(binding("/", "x", "queue", "after"));
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().bindings()).containsExactlyElementsOf(bindings);
        }
        assertThat(dir.resolve("definitions.log.compacting")).doesNotExist();
    }

    @Test
    void cutsATornTailAndKeepsWorking() throws Exception {
        Path log = dir.resolve("definitions.log");
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(VHOST);
        }
        long intact = Files.size(log);
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(OTHER_VHOST);
        }
        truncate(log, Files.size(log) - 3);

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().vhosts()).containsExactly(VHOST);
            assertThat(Files.size(log)).isEqualTo(intact);
            store.put(new VirtualHostDefinition("third"));
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().vhosts()).containsExactly(VHOST, new VirtualHostDefinition("third"));
        }
    }

    @Test
    void aTornRecordOfSeveralChangesLosesThemAll() throws Exception {
        Path log = dir.resolve("definitions.log");
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(VHOST);
            store.apply(List.of(DefinitionChange.put(OTHER_VHOST), DefinitionChange.put(GUEST)));
        }
        truncate(log, Files.size(log) - 1);

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().vhosts()).containsExactly(VHOST);
            assertThat(store.load().users()).isEmpty();
        }
    }

    @Test
    void cutsATailOfAFewHeaderBytes() throws Exception {
        Path log = dir.resolve("definitions.log");
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(VHOST);
        }
        long intact = Files.size(log);
        Files.write(log, new byte[] {0, 0, 1}, StandardOpenOption.APPEND);

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().vhosts()).containsExactly(VHOST);
        }
        assertThat(Files.size(log)).isEqualTo(intact);
    }

    @Test
    void cutsAZeroFilledTail() throws Exception {
        Path log = dir.resolve("definitions.log");
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(VHOST);
        }
        long intact = Files.size(log);
        Files.write(log, new byte[4096], StandardOpenOption.APPEND);

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().vhosts()).containsExactly(VHOST);
        }
        assertThat(Files.size(log)).isEqualTo(intact);
    }

    @Test
    void cutsALastRecordThatFailsItsChecksum() throws Exception {
        Path log = dir.resolve("definitions.log");
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(VHOST);
        }
        long intact = Files.size(log);
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(OTHER_VHOST);
        }
        flipByte(log, Files.size(log) - 1);

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().vhosts()).containsExactly(VHOST);
        }
        assertThat(Files.size(log)).isEqualTo(intact);
    }

    @Test
    void refusesAChecksumFailureWithRecordsAfterIt() throws Exception {
        Path log = dir.resolve("definitions.log");
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(VHOST);
            store.put(OTHER_VHOST);
        }
        long size = Files.size(log);
        flipByte(log, 8 + 8 + 3);

        assertThatThrownBy(() -> DefinitionStore.open(dir))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.file()).isEqualTo(log);
                    assertThat(e.offset()).isEqualTo(8);
                    assertThat(e).hasMessageContaining(log.toString()).hasMessageContaining("offset 8")
                            .hasMessageContaining("checksum");
                });
        assertThat(Files.size(log)).isEqualTo(size);
    }

    @Test
    void refusesAFileThatIsNotADefinitionsLog() throws Exception {
        Path log = dir.resolve("definitions.log");
        Files.writeString(log, "this is not a log at all");

        assertThatThrownBy(() -> DefinitionStore.open(dir))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.file()).isEqualTo(log);
                    assertThat(e.offset()).isZero();
                })
                .hasMessageContaining("magic");
    }

    @Test
    void deletesALeftoverFromAnUnfinishedCompaction() throws Exception {
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.put(VHOST);
        }
        Files.write(dir.resolve("definitions.log.compacting"), new byte[] {'E', 'Y'});

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().vhosts()).containsExactly(VHOST);
        }
        assertThat(dir.resolve("definitions.log.compacting")).doesNotExist();
    }

    @Test
    void refusesASecondOpenOfTheSameDirectory() throws Exception {
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThatThrownBy(() -> DefinitionStore.open(dir))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.file()).isEqualTo(dir.resolve("definitions.lock")));
        }
        DefinitionStore.open(dir).close();
    }

    @Test
    void failedFsyncNamesTheFileAndStopsTheStore() throws Exception {
        Path log = dir.resolve("definitions.log");
        List<FailingFileChannel> opened = new ArrayList<>();
        FileChannels channels = (path, options) -> {
            FailingFileChannel channel = new FailingFileChannel(FileChannel.open(path, options));
            if (path.equals(log)) {
                opened.add(channel);
            }
            return channel;
        };
        DefinitionStore store = DefinitionStore.open(dir, channels, 1024 * 1024);
        store.put(VHOST);
        opened.get(0).failForce = true;

        assertThatThrownBy(() -> store.put(OTHER_VHOST))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.file()).isEqualTo(log);
                    assertThat(e).hasMessageContaining(log.toString()).hasRootCauseMessage("injected fsync failure");
                });
        opened.get(0).failForce = false;
        assertThatThrownBy(() -> store.put(new VirtualHostDefinition("third")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("unusable");
        assertThat(store.load().vhosts()).containsExactly(VHOST);
        store.close();
    }

    @Test
    void failedWriteNamesTheFile() throws Exception {
        Path log = dir.resolve("definitions.log");
        List<FailingFileChannel> opened = new ArrayList<>();
        FileChannels channels = (path, options) -> {
            FailingFileChannel channel = new FailingFileChannel(FileChannel.open(path, options));
            opened.add(channel);
            return channel;
        };
        try (DefinitionStore store = DefinitionStore.open(dir, channels, 1024 * 1024)) {
            opened.forEach(c -> c.failWrite = true);

            assertThatThrownBy(() -> store.put(VHOST))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.file()).isEqualTo(log))
                    .hasMessageContaining(log.toString());
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().vhosts()).isEmpty();
        }
    }

    @Test
    void failedCompactionWriteLeavesTheOldLogInUse() throws Exception {
        Path compacting = dir.resolve("definitions.log.compacting");
        FileChannels channels = (path, options) -> {
            FailingFileChannel channel = new FailingFileChannel(FileChannel.open(path, options));
            channel.failForce = path.equals(compacting);
            return channel;
        };
        try (DefinitionStore store = DefinitionStore.open(dir, channels, 1024 * 1024)) {
            store.put(VHOST);

            assertThat(store.compact()).isFalse();

            store.put(OTHER_VHOST);
        }
        assertThat(compacting).doesNotExist();
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().vhosts()).containsExactly(VHOST, OTHER_VHOST);
        }
    }

    @Test
    void dataDirectoryThatIsAFileIsNamedInTheError() throws Exception {
        Path notADirectory = dir.resolve("data");
        Files.writeString(notADirectory, "");

        assertThatThrownBy(() -> DefinitionStore.open(notADirectory))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.file()).isEqualTo(notADirectory))
                .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void refusesArgumentsOutsideTheFieldValuesModel() {
        assertThatThrownBy(() -> new QueueDefinition("/", "q", false, Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> everyFieldType() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("void", null);
        args.put("bool", true);
        args.put("byte", (byte) -5);
        args.put("short", (short) -300);
        args.put("int", Integer.MIN_VALUE);
        args.put("long", Long.MAX_VALUE);
        args.put("float", 1.25f);
        args.put("double", -0.0d);
        args.put("decimal", new BigDecimal("-123.4500"));
        args.put("string", "héllo");
        args.put("longstr", new LongString(new byte[] {(byte) 0xff, (byte) 0xfe}));
        args.put("timestamp", Instant.ofEpochSecond(1_700_000_000L));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1);
        nested.put("a", List.of("x", 2L));
        nested.put("v", null);
        args.put("table", nested);
        List<Object> array = new ArrayList<>();
        array.add(1);
        array.add(null);
        array.add(new byte[] {9});
        array.add(Map.of("k", "v"));
        args.put("array", array);
        args.put("bytes", new byte[] {1, 2, 3});
        return args;
    }

    private static BindingDefinition binding(String vhost, String source, String kind, String destination) {
        return new BindingDefinition(vhost, source, kind, destination, "key", new HashMap<>());
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, offset);
            b.flip();
            byte flipped = (byte) (b.get() ^ 0x40);
            channel.write(ByteBuffer.wrap(new byte[] {flipped}), offset);
        }
    }
}
