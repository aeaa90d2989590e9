/**
 * Durable storage. Imports no Netty and no protocol type; only the value types of {@code core.message}: the
 * FieldValues model for argument and header tables, and {@code Message} with {@code MessageProperties} for
 * {@link io.eventyard.broker.store.MessageRecordCodec}. The queue logs know nothing of AMQP: a record is opaque
 * bytes, so MQTT sessions and retained messages can use the same classes.
 *
 * <h2>Definitions log</h2>
 *
 * {@link io.eventyard.broker.store.DefinitionStore} keeps the durable definitions in {@code definitions.log} in
 * its data directory: a file header, then change records appended in order. All integers are big-endian; a
 * string is a u32 byte length and UTF-8 bytes; bytes are a u32 length and the bytes.
 *
 * <table>
 *   <caption>File</caption>
 *   <tr><th>offset</th><th>size</th><th>field</th></tr>
 *   <tr><td>0</td><td>6</td><td>magic {@code "EYDEFS"}</td></tr>
 *   <tr><td>6</td><td>2</td><td>format version, 1</td></tr>
 *   <tr><td>8</td><td>...</td><td>records, back to back</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Record: one call to {@code apply}, replayed all or not at all</caption>
 *   <tr><th>size</th><th>field</th></tr>
 *   <tr><td>4</td><td>payload length n, 1 to 64 MiB</td></tr>
 *   <tr><td>4</td><td>CRC32C of the payload</td></tr>
 *   <tr><td>n</td><td>payload: u32 change count (at least 1), then the changes</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Change</caption>
 *   <tr><th>size</th><th>field</th></tr>
 *   <tr><td>1</td><td>action: 1 put, 2 remove (a remove carries the whole definition; only its identity counts)</td></tr>
 *   <tr><td>1</td><td>kind, then its fields in this order:</td></tr>
 *   <tr><td></td><td>1 vhost: name</td></tr>
 *   <tr><td></td><td>2 user: name, bytes passwordHash, bytes salt, u32 tag count, tags</td></tr>
 *   <tr><td></td><td>3 permission: user, vhost, configure, write, read</td></tr>
 *   <tr><td></td><td>4 exchange: vhost, name, type, u8 autoDelete, u8 internal, table arguments</td></tr>
 *   <tr><td></td><td>5 queue: vhost, name, u8 autoDelete, table arguments</td></tr>
 *   <tr><td></td><td>6 binding: vhost, source, destinationKind, destination, routingKey, table arguments</td></tr>
 *   <tr><td></td><td>7 topic permission: user, vhost, exchange, write, read (added in format version 1: older
 *       brokers refuse a log that holds one as an unknown kind rather than drop it)</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Table: u32 entry count, then per entry a string key, a u8 tag and the value</caption>
 *   <tr><th>tag</th><th>Java type</th><th>value</th></tr>
 *   <tr><td>V</td><td>null (void)</td><td>nothing</td></tr>
 *   <tr><td>t</td><td>Boolean</td><td>u8 0 or 1</td></tr>
 *   <tr><td>b</td><td>Byte</td><td>1</td></tr>
 *   <tr><td>s</td><td>Short</td><td>2</td></tr>
 *   <tr><td>I</td><td>Integer</td><td>4</td></tr>
 *   <tr><td>l</td><td>Long</td><td>8</td></tr>
 *   <tr><td>f</td><td>Float</td><td>4, IEEE 754 bits</td></tr>
 *   <tr><td>d</td><td>Double</td><td>8, IEEE 754 bits</td></tr>
 *   <tr><td>D</td><td>BigDecimal</td><td>i32 scale, bytes of the two's-complement unscaled value</td></tr>
 *   <tr><td>S</td><td>String</td><td>string</td></tr>
 *   <tr><td>L</td><td>LongString</td><td>bytes</td></tr>
 *   <tr><td>T</td><td>Instant</td><td>i64 epoch seconds, i32 nanoseconds</td></tr>
 *   <tr><td>F</td><td>Map (table)</td><td>a table, nested</td></tr>
 *   <tr><td>A</td><td>List (array)</td><td>u32 count, then per element a tag and value</td></tr>
 *   <tr><td>x</td><td>byte[]</td><td>bytes</td></tr>
 * </table>
 *
 * <h3>Durability and recovery</h3>
 * <ul>
 *   <li>A record is written at the end of the file and the file is fsynced ({@code fdatasync}) before the call
 *       returns; a new file and its directory are fsynced once at creation.</li>
 *   <li>On open the records are replayed in order. A damaged tail (an incomplete last record, a last record
 *       that fails its checksum, a zero-filled tail) is what a crash in mid-append leaves: it is cut off and
 *       logged with file, offset and bytes dropped. A record that fails its checksum with more bytes after it is
 *       not a crash but damage: opening fails with a {@code StoreException} naming file and offset rather than
 *       silently dropping the intact changes behind it.</li>
 *   <li>Compaction, once the file is {@code COMPACTION_RATIO} times the live definitions and past a minimum
 *       size: the live set is written as puts to {@code definitions.log.compacting}, fsynced, renamed over the
 *       log, and the directory fsynced. A leftover {@code .compacting} file on open is from a compaction that
 *       did not finish and is deleted: the log it was to replace is intact.</li>
 *   <li>{@code definitions.lock} is locked while a store is open, so two brokers cannot share a directory.</li>
 * </ul>
 *
 * <h2>Queue logs</h2>
 *
 * {@link io.eventyard.broker.store.QueueLog} keeps one queue's messages in a directory of its own: segment files
 * {@code NNNNNNNNNN.msgs} (ten-digit segment number, from 1, never reused while files of it exist) holding records
 * in append order, and beside each an ack file {@code NNNNNNNNNN.acks} holding marks on those records. A record is
 * named by its position, {@code segmentNumber << 32 | offset}, the offset of its length field in the segment file.
 * A segment takes appends until the next record would pass the configured segment size (32 MiB by default); a
 * record never spans two segments, so a record larger than that has a segment to itself. A segment is only ever
 * appended to by the run that created it: after a restart, appends go to a new segment.
 *
 * <table>
 *   <caption>Segment file ({@code .msgs})</caption>
 *   <tr><th>offset</th><th>size</th><th>field</th></tr>
 *   <tr><td>0</td><td>6</td><td>magic {@code "EYMSGS"}</td></tr>
 *   <tr><td>6</td><td>2</td><td>format version, 1</td></tr>
 *   <tr><td>8</td><td>...</td><td>records, back to back: u32 payload length n (1 to 1 GiB), u32 CRC32C of the
 *       payload, n bytes payload</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Ack file ({@code .acks})</caption>
 *   <tr><th>offset</th><th>size</th><th>field</th></tr>
 *   <tr><td>0</td><td>6</td><td>magic {@code "EYACKS"}</td></tr>
 *   <tr><td>6</td><td>2</td><td>format version, 1</td></tr>
 *   <tr><td>8</td><td>9 each</td><td>entries: u8 kind (1 acked: not recovered; 2 delivered: recovered as
 *       redelivered), u32 offset of the record in the segment, u32 CRC32C of the kind and offset</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Message record payload ({@code MessageRecordCodec})</caption>
 *   <tr><th>size</th><th>field</th></tr>
 *   <tr><td>1</td><td>format, 1</td></tr>
 *   <tr><td></td><td>string exchange, string routing key</td></tr>
 *   <tr><td>2</td><td>property flags, bit 13 to bit 0 in this order: contentType, contentEncoding, headers,
 *       deliveryMode, priority, correlationId, replyTo, expiration, messageId, timestamp, type, userId, appId,
 *       clusterId; a set bit means present, and only present properties follow, in the same order</td></tr>
 *   <tr><td></td><td>strings as strings; headers as a table (above); deliveryMode and priority as i32;
 *       timestamp as i64</td></tr>
 *   <tr><td>4 + n</td><td>body: u32 length n, the bytes</td></tr>
 * </table>
 *
 * <h3>Fsync policy and group commit</h3>
 * <ul>
 *   <li>{@code append}, {@code ack} and {@code markDelivered} only buffer in memory. A
 *       {@link io.eventyard.broker.store.StoreSyncer} thread takes every log marked dirty since its last round,
 *       writes each one's buffered bytes, fsyncs ({@code fdatasync}) every segment file written (ack files: see
 *       below), fsyncs the directory when
 *       a file was created or deleted, and only then reports the tickets of the round durable. A publisher
 *       confirm waits for that report, so a confirmed message survives a crash of the process or the machine.</li>
 *   <li>No timer: requests that arrive while a round runs make up the next round, so one fsync per file covers
 *       every publish of every connection in between.</li>
 *   <li>A failed write or fsync is final: the page cache state is then unknown, so nothing more is reported
 *       durable and the listener hears {@code failed} once, naming the file.</li>
 *   <li>Acks and delivered marks need no confirm; they are written in the next round but their ack files are
 *       fsynced at most once a second (and on close), so that a round costs one fsync per queue, not two. Losing
 *       the last of them in a crash makes messages come back (at least once), never lose them.</li>
 * </ul>
 *
 * <h3>Reclaiming and recovery</h3>
 * <ul>
 *   <li>The log keeps per segment only a record count and an ack count. When a segment no longer takes appends
 *       and every record in it is acked, the next round writes and syncs its marks, deletes the {@code .msgs} file,
 *       then the {@code .acks} file, and syncs the directory. So only segments with live records stay, and opening
 *       a log costs time in proportion to live data, not to history. (A single live record keeps its whole segment:
 *       segments are not compacted.)</li>
 *   <li>On open each ack file is read, then its segment's records are checked in order and the live ones handed
 *       over. A segment without a complete header is a creation a crash interrupted and is deleted; an ack file
 *       without its segment is a deletion a crash interrupted and is deleted; a segment found fully acked is
 *       deleted. A file with a wrong magic or version is refused with a {@code StoreException}.</li>
 *   <li>A damaged record (incomplete, impossible length, failed checksum) ends its segment: the file is cut there,
 *       the later records of that segment are dropped, later segments are read as usual, and the cut is logged
 *       with file, offset and bytes dropped. Unlike the definitions log this does not refuse damage in the middle:
 *       the writes of one round reach the disk in any order until its fsync returns, so a crash can leave a hole
 *       with intact, never confirmed records after it, which cannot be told from damage without another write per
 *       round; refusing would turn such a crash into an outage. Since a cut segment is never appended to again,
 *       marks beyond the cut cannot come to name new records.</li>
 *   <li>A damaged ack entry ends its ack file likewise: the marks after it are lost, so messages come back.</li>
 * </ul>
 */
package io.eventyard.broker.store;
