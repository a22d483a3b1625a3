package org.observatoire.beam.io;

import java.io.Serializable;

/**
 * A byte range of an input file that starts at a line start, with that line's number, so that several workers can
 * read one large file in parallel and still report exact line numbers. A compressed file is one chunk.
 *
 * @param path the file to open
 * @param name the file's name as the run reports it (relative to the input folder)
 * @param start first byte (inclusive)
 * @param end last byte (exclusive); {@link Long#MAX_VALUE} for "to the end" (compressed files)
 * @param firstLine 1-based number of the line starting at {@code start}
 */
public record Chunk(String path, String name, long start, long end, long firstLine, boolean gzip)
    implements Serializable {}
