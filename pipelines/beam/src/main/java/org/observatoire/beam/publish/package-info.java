/**
 * Publishing: nightly outputs become immutable, verified releases in a catalog, and people get them as queries,
 * Darwin Core Archives, a quality report and notebooks. Beam-free (DuckDB JDBC over the Parquet outputs).
 *
 * <pre>
 * ROOT/.lock                 held for the length of one run (a second run fails fast)
 * ROOT/staging/&lt;id&gt;/         the run being written; verified there; removed by the next run if it never published
 * ROOT/releases/&lt;id&gt;/        occurrences/ rejected/ duplicates/ [dead-letter/] [cubes-*]/ manifest.json
 *                            release.json (id, previous, publishedAt) CHANGES.json CHANGES.md report.html
 * ROOT/current               one line: the current release id (written beside it, then renamed over it)
 * </pre>
 *
 * <ul>
 *   <li>{@link org.observatoire.beam.publish.ReleasePublisher}: clean leftovers → stage → verify
 *       ({@link org.observatoire.beam.publish.ReleaseVerifier}: conservation, every row of every Parquet file
 *       decoded, rows and files as the manifest declares, columns as the Avro schemas declare) → changes
 *       ({@link org.observatoire.beam.publish.ReleaseChanges}) → atomic publication → retention;</li>
 *   <li>{@link org.observatoire.beam.publish.NightlyRelease}: the nightly job through that sequence;</li>
 *   <li>{@link org.observatoire.beam.publish.QualityReport}: self-contained {@code report.html};</li>
 *   <li>{@link org.observatoire.beam.publish.ReleaseViews} and {@link org.observatoire.beam.publish.QueryOutput}:
 *       {@code observatoire query};</li>
 *   <li>{@link org.observatoire.beam.publish.DwcaExport}: {@code observatoire export-dwca}.</li>
 * </ul>
 */
package org.observatoire.beam.publish;
