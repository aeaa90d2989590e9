/**
 * AMQP 0-9-1 framing: bytes to immutable values and back, with the limits the connection configures, and nothing
 * about what the values mean. It follows the spec with the errata RabbitMQ 3.10 implements, and RabbitMQ's reply
 * codes and texts for bad input.
 *
 * <table>
 *   <tr><th>type</th><th>what it is</th></tr>
 *   <tr><td>{@link io.eventyard.broker.amqp.codec.AmqpFrameDecoder}</td>
 *       <td>bytes to {@link io.eventyard.broker.amqp.codec.ProtocolHeader},
 *       {@link io.eventyard.broker.amqp.codec.AmqpCommand}, {@link io.eventyard.broker.amqp.codec.Heartbeat},
 *       {@link io.eventyard.broker.amqp.codec.FrameDecodingFailure}</td></tr>
 *   <tr><td>{@link io.eventyard.broker.amqp.codec.AmqpFrameEncoder}</td><td>the same values back to bytes</td></tr>
 *   <tr><td>{@link io.eventyard.broker.amqp.codec.Method} and one sealed interface per AMQP class</td>
 *       <td>the methods, one record each</td></tr>
 *   <tr><td>{@link io.eventyard.broker.amqp.codec.FieldTableCodec}</td><td>field tables, arrays, values</td></tr>
 *   <tr><td>{@link io.eventyard.broker.amqp.codec.ContentHeader}</td>
 *       <td>content header payload and the basic properties</td></tr>
 * </table>
 *
 * <p>Where this package knowingly differs from RabbitMQ 3.10 on bad input:
 * <ul>
 *   <li>an unknown class or method id is answered with 540 NOT_IMPLEMENTED; RabbitMQ drops the connection;</li>
 *   <li>an unknown field type in method arguments is 501 "cannot decode"; RabbitMQ drops the connection;</li>
 *   <li>malformed content header properties are 502 SYNTAX_ERROR; RabbitMQ answers 541 INTERNAL_ERROR;</li>
 *   <li>a body frame overrunning body-size is 501, as in later RabbitMQ versions; 3.10 waits forever;</li>
 *   <li>a body over the size limit is refused at its content header, and its frames are skipped; RabbitMQ
 *       reads the whole body first, then answers with the same channel error;</li>
 *   <li>field tables nest at most 64 deep.</li>
 * </ul>
 */
package io.eventyard.broker.amqp.codec;
