package io.eventyard.broker.http.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import io.eventyard.broker.http.RunningBroker;
import io.eventyard.broker.http.RunningBroker.Reply;

/** Stateless publishing over real HTTP, read back by the RabbitMQ Java client over real AMQP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatelessPublishIT {

    private RunningBroker broker;
    private Channel channel;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        broker = RunningBroker.start(dataDir);
        broker.broker().admin().addUser("reader", "reader-pw");
        broker.broker().admin().setPermissions("reader", "/", "", "", ".*");
        channel = broker.amqpAsGuest().createChannel();
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    @Test
    void deliversTheBodyAndEveryPropertyToAnAmqpConsumer() throws Exception {
        channel.queueDeclare("props-q", false, false, false, null);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("body", "héllo, world");
        form.put("content_type", "text/plain");
        form.put("content_encoding", "utf-8");
        form.put("headers", "{\"attempt\":3,\"source\":\"web\",\"ratio\":0.5,\"ok\":true,"
                + "\"nested\":{\"a\":[1,\"two\"]}}");
        form.put("delivery_mode", "2");
        form.put("priority", "7");
        form.put("correlation_id", "corr-1");
        form.put("reply_to", "replies");
        form.put("expiration", "60000");
        form.put("message_id", "msg-1");
        form.put("timestamp", "1700000000");
        form.put("type", "greeting");
        form.put("user_id", "guest");
        form.put("app_id", "curl");

        Reply reply = broker.postForm("/%2F/amq.default/props-q", "guest", "guest", form);

        assertThat(reply.status()).isEqualTo(204);
        GetResponse got = channel.basicGet("props-q", true);
        assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("héllo, world");
        AMQP.BasicProperties properties = got.getProps();
        assertThat(properties.getContentType()).isEqualTo("text/plain");
        assertThat(properties.getContentEncoding()).isEqualTo("utf-8");
        assertThat(properties.getDeliveryMode()).isEqualTo(2);
        assertThat(properties.getPriority()).isEqualTo(7);
        assertThat(properties.getCorrelationId()).isEqualTo("corr-1");
        assertThat(properties.getReplyTo()).isEqualTo("replies");
        assertThat(properties.getExpiration()).isEqualTo("60000");
        assertThat(properties.getMessageId()).isEqualTo("msg-1");
        assertThat(properties.getTimestamp()).isEqualTo(new Date(1_700_000_000_000L));
        assertThat(properties.getType()).isEqualTo("greeting");
        assertThat(properties.getUserId()).isEqualTo("guest");
        assertThat(properties.getAppId()).isEqualTo("curl");
        Map<String, Object> headers = properties.getHeaders();
        assertThat(headers.get("attempt")).isEqualTo(3L);
        assertThat(headers.get("source").toString()).isEqualTo("web");
        assertThat(headers.get("ratio")).isEqualTo(0.5);
        assertThat(headers.get("ok")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) headers.get("nested");
        assertThat(((List<?>) nested.get("a")).get(0)).isEqualTo(1L);
        assertThat(((List<?>) nested.get("a")).get(1).toString()).isEqualTo("two");
    }

    @Test
    void routesThroughANamedExchangeWithPlusAndEncodedSlashInTheRoutingKey() throws Exception {
        channel.queueDeclare("routed-q", false, false, false, null);
        channel.queueBind("routed-q", "amq.direct", "a+b/c");

        Reply reply = broker.postForm("/%2F/amq.direct/a+b%2Fc", "guest", "guest", Map.of("body", "routed"));

        assertThat(reply.status()).isEqualTo(204);
        GetResponse got = channel.basicGet("routed-q", true);
        assertThat(got).isNotNull();
        assertThat(got.getEnvelope().getRoutingKey()).isEqualTo("a+b/c");
        assertThat(got.getProps().getHeaders()).isNull();
    }

    @Test
    void acceptsMultipartFormsAsStatelessdDoes() throws Exception {
        channel.queueDeclare("multipart-q", false, false, false, null);
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nfrom php\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"app_id\"\r\n\r\nPHP Example\r\n"
                + "--" + boundary + "--\r\n";

        Reply reply = broker.post("/%2F//multipart-q", "guest", "guest",
                "multipart/form-data; boundary=" + boundary, body);

        assertThat(reply.status()).isEqualTo(204);
        GetResponse got = channel.basicGet("multipart-q", true);
        assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("from php");
        assertThat(got.getProps().getAppId()).isEqualTo("PHP Example");
    }

    @Test
    void answersAnUnroutableMessageWith204AsAmqpWithoutMandatoryDoes() {
        Reply reply = broker.postForm("/%2F/amq.direct/nobody-listens", "guest", "guest", Map.of("body", "lost"));

        assertThat(reply.status()).isEqualTo(204);
    }

    @Test
    void answersAQueueThatRefusesTheMessageWith503() throws Exception {
        channel.queueDeclare("full-q", false, false, false, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));

        Reply first = broker.postForm("/%2F/amq.default/full-q", "guest", "guest", Map.of("body", "1"));
        Reply second = broker.postForm("/%2F/amq.default/full-q", "guest", "guest", Map.of("body", "2"));

        assertThat(first.status()).isEqualTo(204);
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void answersUnknownVhostOrExchangeWith404() {
        Reply vhost = broker.postForm("/nowhere/amq.direct/k", "guest", "guest", Map.of("body", "x"));
        Reply exchange = broker.postForm("/%2F/no-such-exchange/k", "guest", "guest", Map.of("body", "x"));

        assertThat(vhost.status()).isEqualTo(404);
        assertThat(exchange.status()).isEqualTo(404);
        assertThat(exchange.json().get("detail").getStringValue()).contains("no-such-exchange");
    }

    @Test
    void answersAUserWithoutWritePermissionWith403() {
        Reply reply = broker.postForm("/%2F/amq.direct/k", "reader", "reader-pw", Map.of("body", "x"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").getStringValue())
                .isEqualTo("write access to exchange 'amq.direct' in vhost '/' refused for user 'reader'");
    }

    @Test
    void answersMissingOrWrongCredentialsWith401AndABasicChallenge() {
        Reply none = broker.postForm("/%2F/amq.direct/k", null, null, Map.of("body", "x"));
        Reply wrong = broker.postForm("/%2F/amq.direct/k", "guest", "nope", Map.of("body", "x"));

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("status").getIntValue()).isEqualTo(401);
    }

    @Test
    void answersABadFieldWith400ProblemJsonNamingTheField() {
        Reply priority = broker.postForm("/%2F/amq.direct/k", "guest", "guest", Map.of("body", "x", "priority", "high"));
        Reply headers = broker.postForm("/%2F/amq.direct/k", "guest", "guest", Map.of("body", "x", "headers", "[1]"));
        Reply unknown = broker.postForm("/%2F/amq.direct/k", "guest", "guest", Map.of("body", "x", "content-type", "a"));
        Reply noBody = broker.postForm("/%2F/amq.direct/k", "guest", "guest", Map.of("type", "t"));
        Reply otherUser = broker.postForm("/%2F/amq.direct/k", "guest", "guest", Map.of("body", "x", "user_id", "eve"));
        Reply empty = broker.post("/%2F/amq.direct/k", "guest", "guest", "application/x-www-form-urlencoded", "");

        assertThat(priority.status()).isEqualTo(400);
        assertThat(priority.header("Content-Type")).startsWith("application/problem+json");
        assertThat(priority.json().get("field").getStringValue()).isEqualTo("priority");
        assertThat(priority.json().get("title").getStringValue()).isEqualTo("Bad Request");
        assertThat(headers.json().get("field").getStringValue()).isEqualTo("headers");
        assertThat(unknown.json().get("field").getStringValue()).isEqualTo("content-type");
        assertThat(noBody.json().get("field").getStringValue()).isEqualTo("body");
        assertThat(otherUser.json().get("field").getStringValue()).isEqualTo("user_id");
        assertThat(empty.json().get("field").getStringValue()).isEqualTo("body");
    }

    @Test
    void leavesTheApiAndHealthPathsAlone() {
        Reply api = broker.postForm("/api/vhosts/x", "guest", "guest", Map.of("body", "x"));
        Reply health = broker.get("/health");

        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().get("detail").getStringValue()).contains("reserved");
        assertThat(health.status()).isEqualTo(200);
    }
}
