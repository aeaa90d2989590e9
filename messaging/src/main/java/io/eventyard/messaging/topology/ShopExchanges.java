package io.eventyard.messaging.topology;

/** The exchanges of the shop, as docs/architecture.md lists them. */
public final class ShopExchanges {

    /** Topic exchange for every domain event ({@link RoutingKeys}). */
    public static final String EVENTS = "shop.events";
    /** Direct exchange for e-mail commands. */
    public static final String EMAIL = "email";
    /** Direct exchange where failed e-mail commands wait out their delay. */
    public static final String EMAIL_RETRY = "email.retry";
    /** Fanout exchange for poison messages of any queue. */
    public static final String DEAD = "shop.dead";
    /** The default exchange: routes by queue name, used to park a message in one queue. */
    public static final String DEFAULT = "";

    private ShopExchanges() {
    }
}
