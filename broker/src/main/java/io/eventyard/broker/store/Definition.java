package io.eventyard.broker.store;

/** One durable definition: what RabbitMQ keeps in Mnesia. Each kind says what identifies it. */
public sealed interface Definition
        permits VirtualHostDefinition, UserDefinition, PermissionDefinition, TopicPermissionDefinition,
        ExchangeDefinition, QueueDefinition, BindingDefinition {
}
