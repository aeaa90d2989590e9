/**
 * Durable storage. Imports no Netty and no protocol type; only the FieldValues value model of
 * {@code core.message} for argument tables.
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
 */
package io.eventyard.broker.store;
