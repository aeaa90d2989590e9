package io.eventyard.broker.scenario.harness;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What a queue holds, read with {@code basic.get}: a scenario's view after a publish fence (confirms). */
public final class QueueContents {

    private QueueContents() {
    }

    /** Takes every message now in {@code queue}, auto-acknowledged, and returns their bodies as text, in order. */
    public static List<String> takeAll(Channel channel, String queue) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (GetResponse response = channel.basicGet(queue, true); response != null; response = channel.basicGet(queue, true)) {
            bodies.add(Bodies.text(response.getBody()));
        }
        return bodies;
    }
}
