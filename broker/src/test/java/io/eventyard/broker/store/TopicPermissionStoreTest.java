package io.eventyard.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic permissions in the definitions log: identity (user, vhost, exchange), replacement, cascades, compaction. */
class TopicPermissionStoreTest {

    private static final VirtualHostDefinition ROOT = new VirtualHostDefinition("/");
    private static final VirtualHostDefinition SHOP = new VirtualHostDefinition("shop");
    private static final UserDefinition ALICE = new UserDefinition("alice", new byte[32], new byte[4], List.of());
    private static final UserDefinition BOB = new UserDefinition("bob", new byte[32], new byte[4], List.of());

    @TempDir
    Path dir;

    @Test
    void keepsOnePerExchangeReplacingInPlaceAcrossReopen() throws Exception {
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.apply(List.of(DefinitionChange.put(ROOT), DefinitionChange.put(ALICE)));
            store.put(topic("alice", "/", "amq.topic", "^a", "^b"));
            store.put(topic("alice", "/", "events", ".*", ""));
            store.put(topic("alice", "/", "amq.topic", "^{username}\\.", "^{client_id}"));
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().topicPermissions()).containsExactly(
                    topic("alice", "/", "amq.topic", "^{username}\\.", "^{client_id}"),
                    topic("alice", "/", "events", ".*", ""));
        }
    }

    @Test
    void removalNamesOneExchange() throws Exception {
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.apply(List.of(DefinitionChange.put(ROOT), DefinitionChange.put(ALICE)));
            store.put(topic("alice", "/", "amq.topic", ".*", ".*"));
            store.put(topic("alice", "/", "events", ".*", ".*"));

            store.remove(topic("alice", "/", "amq.topic", "", ""));
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().topicPermissions()).containsExactly(topic("alice", "/", "events", ".*", ".*"));
        }
    }

    @Test
    void deletingAUserOrAVhostTakesItsTopicPermissionsAlong() throws Exception {
        try (DefinitionStore store = DefinitionStore.open(dir)) {
            store.apply(List.of(DefinitionChange.put(ROOT), DefinitionChange.put(SHOP), DefinitionChange.put(ALICE),
                    DefinitionChange.put(BOB)));
            store.put(topic("alice", "/", "amq.topic", ".*", ".*"));
            store.put(topic("alice", "shop", "amq.topic", ".*", ".*"));
            store.put(topic("bob", "/", "amq.topic", ".*", ".*"));
            store.put(topic("bob", "shop", "amq.topic", ".*", ".*"));

            store.remove(new UserDefinition("alice", null, null, null));
            store.remove(SHOP);
        }

        try (DefinitionStore store = DefinitionStore.open(dir)) {
            assertThat(store.load().topicPermissions()).containsExactly(topic("bob", "/", "amq.topic", ".*", ".*"));
        }
    }

    @Test
    void survivesCompaction() throws Exception {
        try (DefinitionStore store = DefinitionStore.open(dir, FileChannels.DEFAULT, 1)) {
            store.apply(List.of(DefinitionChange.put(ROOT), DefinitionChange.put(ALICE)));
            for (int i = 0; i < 50; i++) {
                store.put(topic("alice", "/", "amq.topic", "^v" + i, ".*"));
            }
        }

        try (DefinitionStore store = DefinitionStore.open(dir, FileChannels.DEFAULT, 1)) {
            assertThat(store.load().topicPermissions()).containsExactly(topic("alice", "/", "amq.topic", "^v49", ".*"));
        }
    }

    private static TopicPermissionDefinition topic(String user, String vhost, String exchange, String write,
                                                   String read) {
        return new TopicPermissionDefinition(user, vhost, exchange, write, read);
    }
}
