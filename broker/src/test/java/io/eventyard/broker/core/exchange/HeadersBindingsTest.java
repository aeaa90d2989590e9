package io.eventyard.broker.core.exchange;

import static io.eventyard.broker.core.exchange.BindingTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventyard.broker.core.message.LongString;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeadersBindingsTest {

    /** Binding arguments, message headers and whether RabbitMQ 3.10.8 routed, recorded against the real broker. */
    static Stream<Arguments> rabbitHeadersTable() {
        return Stream.of(
                row("int 1 matches long 1", table("k", 1L), table("k", 1), true),
                row("int 1 matches double 1.0", table("k", 1.0d), table("k", 1), true),
                row("float 1.5 matches double 1.5", table("k", 1.5d), table("k", 1.5f), true),
                row("float 0.1 differs from double 0.1", table("k", 0.1d), table("k", 0.1f), false),
                row("int 1 differs from string 1", table("k", "1"), table("k", 1), false),
                row("byte array matches string of its bytes", table("k", "abc"), table("k", bytes("abc")), true),
                row("true differs from int 1", table("k", true), table("k", 1), false),
                row("void argument matches any value", table("k", null), table("k", "anything"), true),
                row("void argument matches void header", table("k", null), table("k", null), true),
                row("void argument needs the header", table("k", null), table("other", 1), false),
                row("void header differs from a value", table("k", "x"), table("k", null), false),
                row("timestamp matches its epoch seconds", table("k", 1000L), table("k", Instant.ofEpochSecond(1000)), true),
                row("decimal scale counts", table("k", new BigDecimal("1.0")), table("k", new BigDecimal("1.00")), false),
                row("decimal differs from int", table("k", new BigDecimal("1")), table("k", 1), false),
                row("equal decimals match", table("k", new BigDecimal("1.5")), table("k", new BigDecimal("1.5")), true),
                row("nested int differs from nested long", table("k", table("n", 1L)), table("k", table("n", 1)), false),
                row("equal nested tables match", table("k", table("n", 1, "o", "s")), table("k", table("n", 1, "o", "s")), true),
                row("nested order counts", table("k", table("n", 1, "o", "s")), table("k", table("o", "s", "n", 1)), false),
                row("array int differs from array long", table("k", List.of(1L)), table("k", List.of(1)), false),
                row("equal arrays match", table("k", List.of(1, "a")), table("k", List.of(1, "a")), true),
                row("all with nothing to match routes everything", table(), null, true),
                row("any with nothing to match routes nothing", table("x-match", "any"), null, false),
                row("any ignores x- arguments", table("x-match", "any", "x-foo", "bar"), table("x-foo", "bar"), false),
                row("all ignores x- arguments", table("x-foo", "bar"), table("q", 1), true),
                row("all-with-x matches x- arguments", table("x-match", "all-with-x", "x-foo", "bar"), table("x-foo", "bar"), true),
                row("all-with-x needs x- values equal", table("x-match", "all-with-x", "x-foo", "bar"), table("x-foo", "baz"), false),
                row("any-with-x matches on an x- argument", table("x-match", "any-with-x", "x-foo", "bar", "a", 1), table("x-foo", "bar"), true),
                row("all-with-x never matches x-match itself", table("x-match", "all-with-x"), table("q", 1), true),
                row("x-match header is not compared", table("x-match", "all-with-x", "a", 1), table("a", 1, "x-match", "zzz"), true),
                row("all needs every argument", table("a", 1, "b", 2), table("a", 1), false),
                row("any needs one argument", table("x-match", "any", "a", 1, "b", 2), table("a", 1, "c", 3), true),
                row("any with every value wrong", table("x-match", "any", "a", 1, "b", 2), table("a", 2, "b", 3), false),
                row("all ignores extra headers", table("a", 1), table("a", 1, "b", 2, "0", 0), true),
                row("explicit all", table("x-match", "all", "a", "s"), table("a", "s"), true),
                row("long and double compare exactly", table("k", 9007199254740993L), table("k", 9007199254740992.0d), false),
                row("byte matches int", table("k", (byte) 1), table("k", 1), true),
                row("short matches int", table("k", (short) 7), table("k", 7), true),
                row("negative zero matches zero", table("k", -0.0d), table("k", 0), true),
                row("nested byte array differs from nested string", table("k", table("n", "ab")), table("k", table("n", bytes("ab"))), false),
                row("nested float differs from nested double", table("k", List.of(1.5d)), table("k", List.of(1.5f)), false));
    }

    private static Arguments row(String label, Map<String, Object> args, Map<String, Object> headers, boolean routed) {
        return Arguments.of(label, args, headers, routed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rabbitHeadersTable")
    void matchesAsRabbitMq(String label, Map<String, Object> args, Map<String, Object> headers, boolean routed) {
        HeadersBindings table = new HeadersBindings();
        table.add(new Binding("h", Destination.queue("q"), "", args));

        assertThat(route(table, headers)).hasSize(routed ? 1 : 0);
    }

    @Test
    void routingKeyIsIgnored() {
        HeadersBindings table = new HeadersBindings();
        table.add(new Binding("h", Destination.queue("q"), "some-key", table("a", 1)));

        List<Destination> out = new ArrayList<>();
        table.route("other-key", table("a", 1), out::add);

        assertThat(out).containsExactly(Destination.queue("q"));
    }

    @Test
    void invalidXMatchLegacyBindingMatchesAsAll() {
        HeadersBindings table = new HeadersBindings();
        table.add(new Binding("h", Destination.queue("q"), "", table("x-match", "ANY", "a", 1, "b", 2)));

        assertThat(route(table, table("a", 1))).isEmpty();
        assertThat(route(table, table("a", 1, "b", 2))).hasSize(1);
    }

    @Test
    void removedBindingNoLongerRoutes() {
        HeadersBindings table = new HeadersBindings();
        Binding binding = new Binding("h", Destination.queue("q"), "", table("a", 1));
        table.add(binding);

        assertThat(table.remove(binding)).isTrue();

        assertThat(route(table, table("a", 1))).isEmpty();
        assertThat(table.isEmpty()).isTrue();
    }

    static Stream<Arguments> rabbitValidationTexts() {
        return Stream.of(
                Arguments.of("foo", "Invalid x-match field value <<\"foo\">>; expected all, any, all-with-x, or any-with-x"),
                Arguments.of("ALL", "Invalid x-match field value <<\"ALL\">>; expected all, any, all-with-x, or any-with-x"),
                Arguments.of("", "Invalid x-match field value <<>>; expected all, any, all-with-x, or any-with-x"),
                Arguments.of("é-ü", "Invalid x-match field value <<\"é-ü\">>; expected all, any, all-with-x, or any-with-x"),
                Arguments.of("€", "Invalid x-match field value <<226,130,172>>; expected all, any, all-with-x, or any-with-x"),
                Arguments.of("a\"b\\c", "Invalid x-match field value <<\"a\\\"b\\\\c\">>; expected all, any, all-with-x, or any-with-x"),
                Arguments.of("t\tn\n", "Invalid x-match field value <<\"t\\tn\\n\">>; expected all, any, all-with-x, or any-with-x"),
                Arguments.of(5, "Invalid x-match field type signedint (value 5); expected longstr"),
                Arguments.of((byte) -3, "Invalid x-match field type byte (value -3); expected longstr"),
                Arguments.of((short) 300, "Invalid x-match field type short (value 300); expected longstr"),
                Arguments.of(70000L, "Invalid x-match field type long (value 70000); expected longstr"),
                Arguments.of(1.5f, "Invalid x-match field type float (value 1.5); expected longstr"),
                Arguments.of(0.1f, "Invalid x-match field type float (value 0.10000000149011612); expected longstr"),
                Arguments.of(2.25d, "Invalid x-match field type double (value 2.25); expected longstr"),
                Arguments.of(1.0e-5, "Invalid x-match field type double (value 1.0e-5); expected longstr"),
                Arguments.of(1.0e-4, "Invalid x-match field type double (value 0.0001); expected longstr"),
                Arguments.of(1.0e10, "Invalid x-match field type double (value 1.0e10); expected longstr"),
                Arguments.of(1000.0, "Invalid x-match field type double (value 1.0e3); expected longstr"),
                Arguments.of(100.0, "Invalid x-match field type double (value 100.0); expected longstr"),
                Arguments.of(12345.0, "Invalid x-match field type double (value 12345.0); expected longstr"),
                Arguments.of(1.5e5, "Invalid x-match field type double (value 1.5e5); expected longstr"),
                Arguments.of(0.00125, "Invalid x-match field type double (value 0.00125); expected longstr"),
                Arguments.of(123456789.123, "Invalid x-match field type double (value 123456789.123); expected longstr"),
                Arguments.of(-2.5e-7, "Invalid x-match field type double (value -2.5e-7); expected longstr"),
                Arguments.of(new BigDecimal("12.345"), "Invalid x-match field type decimal (value {3,12345}); expected longstr"),
                Arguments.of(Instant.ofEpochSecond(1), "Invalid x-match field type timestamp (value 1); expected longstr"),
                Arguments.of(table("k", "v"), "Invalid x-match field type table (value [{<<\"k\">>,longstr,<<\"v\">>}]); expected longstr"),
                Arguments.of(List.of(1, "s"), "Invalid x-match field type array (value [{signedint,1},{longstr,<<\"s\">>}]); expected longstr"),
                Arguments.of(List.of(), "Invalid x-match field type array (value []); expected longstr"),
                Arguments.of(true, "Invalid x-match field type bool (value true); expected longstr"),
                Arguments.of(new byte[] {1, 2}, "Invalid x-match field type binary (value <<1,2>>); expected longstr"),
                Arguments.of(bytes("any"), "Invalid x-match field type binary (value <<\"any\">>); expected longstr"),
                Arguments.of(new byte[] {(byte) 0x9f}, "Invalid x-match field type binary (value <<159>>); expected longstr"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rabbitValidationTexts")
    void refusesInvalidXMatchWithRabbitMqText(Object xMatch, String expected) {
        assertThat(HeadersBindings.validate(table("x-match", xMatch))).contains(expected);
    }

    @Test
    void refusesVoidXMatch() {
        assertThat(HeadersBindings.validate(table("x-match", null)))
                .contains("Invalid x-match field type void (value undefined); expected longstr");
    }

    @Test
    void acceptsTheFourModesAndNoXMatch() {
        for (String mode : List.of("all", "any", "all-with-x", "any-with-x")) {
            assertThat(HeadersBindings.validate(table("x-match", mode))).isEmpty();
        }
        assertThat(HeadersBindings.validate(table("x-match", new LongString(bytes("any"))))).isEmpty();
        assertThat(HeadersBindings.validate(table("a", 1))).isEmpty();
        assertThat(HeadersBindings.validate(null)).isEmpty();
    }

    private static List<Destination> route(HeadersBindings table, Map<String, Object> headers) {
        List<Destination> out = new ArrayList<>();
        table.route("", headers, out::add);
        return out;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
