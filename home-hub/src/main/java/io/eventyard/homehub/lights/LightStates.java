package io.eventyard.homehub.lights;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/**
 * Each light's reported state, in memory: the retained topic is the truth, and the broker hands every retained
 * state again when home-hub subscribes after a restart, so a table would only be a stale copy.
 */
@Singleton
class LightStates {

    private final Map<String, LightState> lights = new ConcurrentHashMap<>();

    void reported(LightState state) {
        lights.put(state.id(), state);
    }

    /** The light's retained state was deleted (an empty retained message): the light is gone. */
    void removed(String id) {
        lights.remove(id);
    }

    List<LightState> all() {
        return lights.values().stream().sorted(Comparator.comparing(LightState::id)).toList();
    }

    Optional<LightState> find(String id) {
        return Optional.ofNullable(lights.get(id));
    }
}
