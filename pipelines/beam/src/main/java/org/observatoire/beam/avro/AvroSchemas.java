package org.observatoire.beam.avro;

import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.observatoire.beam.parquet.ParquetFiles;
import org.observatoire.core.occurrence.Column;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.occurrence.OccurrenceColumns;

/** The Avro schemas of the published datasets (written as Parquet) and of the records shuffled between stages. */
public final class AvroSchemas {
  private static final String NS = "org.observatoire.datasets";

  /** Hive partition columns: in the directory names, not inside the files (as Spark and Hive expect). */
  public static final List<String> PARTITION_COLUMNS = List.of("protocol", "year");

  /** Every occurrence column, partition columns included: the shape shuffled between stages. */
  /**
   * A field property: {@code "false"} writes the column without a Parquet dictionary, {@code "true"} with one even
   * where the column name is usually near-unique (a visit's point). For the occurrence columns
   * that take a different value every few rows (a visit's or a submission's identifiers and times): a dictionary there
   * costs a hash look-up per value and saves little. Measured on 388k occurrence rows (20k submissions, seed 11):
   * the Parquet writer 31 % faster, files 5.6 % larger.
   */
  public static final String DICTIONARY_PROP = ParquetFiles.DICTIONARY_PROP;

  private static final Set<String> HIGH_CARDINALITY_OCCURRENCE_COLUMNS = Set.of("eventID", "parentEventID",
      "submissionId", "eventDateUtc", "verbatimEventDate", "eventTime", "submittedAt", "dynamicProperties",
      "recordedBy", "locationID", "eea1km");

  public static final Schema OCCURRENCE = occurrence("Occurrence", Set.of());

  /**
   * The occurrence columns as stored in {@code occurrences/protocol=…/year=…/*.parquet}, plus {@code geometry}: the
   * public point as WKB, the GeoParquet 1.1 primary column.
   */
  public static final Schema OCCURRENCE_FILE = withGeometry(occurrence("OccurrenceRow", Set.copyOf(PARTITION_COLUMNS)));

  public static final Schema VIOLATION = SchemaBuilder.record("Violation").namespace(NS)
      .doc("One reason for rejection.")
      .fields()
      .name("code").doc("Stable violation code (see protocols/SCHEMAS.md and the package's rules.json).").type().stringType().noDefault()
      .name("pointer").doc("JSON Pointer to the offending field; empty for the whole line.").type().stringType()
      .noDefault()
      .name("message").doc("What is wrong, for a person.").type().stringType().noDefault()
      .endRecord();

  public static final Schema REJECTED = SchemaBuilder.record("RejectedSubmission").namespace(NS)
      .doc("A line that did not become curated data, with every reason.")
      .fields()
      .name("submissionId").type().nullable().stringType().noDefault()
      .name("protocol").type().nullable().stringType().noDefault()
      .name("protocolVersion").type().nullable().intType().noDefault()
      .name("sourceFile").type().stringType().noDefault()
      .name("sourceLine").type().longType().noDefault()
      .name("byteLength").doc("Length of the line in bytes.").type().longType().noDefault()
      .name("truncated").doc("True when only the first bytes of an over-long line are kept.").type().booleanType()
      .noDefault()
      .name("submission").doc("For submissions that passed their schema but broke a protocol rule: the submission as"
          + " canonical JSON without the observer's name and e-mail (observer id pseudonymised). Null otherwise: the raw"
          + " bytes are only in the restricted output.")
      .type().nullable().stringType().noDefault()
      .name("violationCodes").doc("Distinct violation codes, for filtering.").type().array().items().stringType()
      .noDefault()
      .name("violations").type().array().items(VIOLATION).noDefault()
      .endRecord();

  /** Restricted: a rejected line's bytes as read (they may hold personal data). */
  public static final Schema RAW_LINE = SchemaBuilder.record("RawRejectedLine").namespace(NS)
      .doc("A rejected line's bytes as read, for the restricted output only.")
      .fields()
      .name("sourceFile").type().stringType().noDefault()
      .name("sourceLine").type().longType().noDefault()
      .name("submissionId").type().nullable().stringType().noDefault()
      .name("byteLength").type().longType().noDefault()
      .name("truncated").type().booleanType().noDefault()
      .name("rawBytes").doc("The line's bytes (a prefix when truncated).").type().bytesType().noDefault()
      .endRecord();

  /** Restricted: full-precision locations of generalised sensitive-species occurrences. */
  public static final Schema RESTRICTED_LOCATION = SchemaBuilder.record("RestrictedLocation").namespace(NS)
      .doc("The full-precision location of an occurrence whose public coordinates were generalised.")
      .fields()
      .name("occurrenceID").type().stringType().noDefault()
      .name("taxonKey").type().nullable().stringType().noDefault()
      .name("scientificName").type().nullable().stringType().noDefault()
      .name("decimalLatitude").type().doubleType().noDefault()
      .name("decimalLongitude").type().doubleType().noDefault()
      .name("coordinateUncertaintyInMeters").type().nullable().doubleType().noDefault()
      .name("generalisationMeters").type().intType().noDefault()
      .name("publishedOccurrenceID").doc("The occurrenceID of the public row (opaque for generalised events).")
      .type().optional().stringType()
      .name("eventID").doc("The event id as submitted (the public row's is opaque when generalised).").type()
      .optional().stringType()
      .name("locationID").doc("The site id as submitted (the public row's is opaque when generalised).").type()
      .optional().stringType()
      .endRecord();

  public static final Schema DEAD_LETTER = SchemaBuilder.record("DeadLetter").namespace(NS)
      .doc("A line whose processing failed unexpectedly: a bug to fix, the line kept to replay.")
      .fields()
      .name("sourceFile").type().stringType().noDefault()
      .name("sourceLine").type().longType().noDefault()
      .name("stage").doc("The pipeline stage that failed.").type().stringType().noDefault()
      .name("errorType").type().stringType().noDefault()
      .name("errorMessage").type().nullable().stringType().noDefault()
      .name("stackTrace").type().stringType().noDefault()
      .name("rawBytes").type().bytesType().noDefault()
      .endRecord();

  public static final Schema DUPLICATE = SchemaBuilder.record("DuplicateSubmission").namespace(NS)
      .doc("An accepted submission not curated because another line carries the same submissionId.")
      .fields()
      .name("submissionId").type().stringType().noDefault()
      .name("protocol").type().stringType().noDefault()
      .name("sourceFile").type().stringType().noDefault()
      .name("sourceLine").type().longType().noDefault()
      .name("keptSourceFile").type().stringType().noDefault()
      .name("keptSourceLine").type().longType().noDefault()
      .name("reason").doc("identical (same bytes) or superseded (a later submittedAt won).").type().stringType()
      .noDefault()
      .endRecord();

  /** A complete-count visit as carried by an accepted submission (see the core's {@code Visit}). */
  public static final Schema VISIT = SchemaBuilder.record("Visit").namespace(NS)
      .fields()
      .name("eventID").type().stringType().noDefault()
      .name("locationID").type().optional().stringType()
      .name("eventDate").type().stringType().noDefault()
      .name("year").type().intType().noDefault()
      .name("month").type().intType().noDefault()
      .name("startTime").type().nullable().stringType().noDefault()
      .name("durationMinutes").type().nullable().doubleType().noDefault()
      .name("pointCount").type().nullable().intType().noDefault()
      .name("transectLengthMeters").type().nullable().intType().noDefault()
      .name("siteLatitude").doc("Null when the submission gives no site coordinates.").type().optional().doubleType()
      .name("siteLongitude").type().optional().doubleType()
      .name("completeList").type().booleanType().booleanDefault(false)
      .name("samplingProtocol").type().optional().stringType()
      .name("sampleSizeMinutes").type().optional().doubleType()
      .name("samplingEffort").type().optional().stringType()
      .name("submissionId").doc("The published submission id when it differs from the submission's (an opaque id of a"
          + " generalised event); null otherwise.").type().optional().stringType()
      .endRecord();

  /**
   * The zero-filled visit rows as stored in {@code visits/protocol=…/year=…/*.parquet}. A row's point (coordinates and geometry) is the visit's, the same on each of the visit's taxon
   * rows, so those columns get a dictionary here (unlike the occurrences'): the repeated value costs an id.
   */
  public static final Schema VISIT_FILE = withDictionary(
      withGeometry(visitRow("VisitTaxonRow", Set.copyOf(PARTITION_COLUMNS))),
      Set.of("geometry", "decimalLatitude", "decimalLongitude"));

  /**
   * The events as stored in {@code events/protocol=…/year=…/*.parquet}: one row per visit (a curated submission),
   * at its public place. With {@link #CHECKLIST} and the occurrences, the zero-filled visits are a view (see
   * docs/events.md).
   */
  public static final Schema EVENT_FILE = withGeometry(eventRow("Event", Set.copyOf(PARTITION_COLUMNS)));

  /** The lists complete-list visits are zero-filled against, as stored in {@code checklists/*.parquet}. */
  public static final Schema CHECKLIST = SchemaBuilder.record("ChecklistEntry").namespace(NS)
      .doc("One entry of the list a complete-list protocol's visits are zero-filled against: the package checklist's"
          + " entries marked listed, in checklist order.")
      .fields()
      .name("protocol").type().stringType().noDefault()
      .name("checklistId").doc("The package's checklist file, `<protocol>/checklist.csv`.").type().stringType()
      .noDefault()
      .name("checklistVersion").doc("The package version the list belongs to (events carry the same).").type()
      .stringType().noDefault()
      .name("position").doc("0-based place of the entry in the list (the zero-filled rows' order within a visit).")
      .type().intType().noDefault()
      .name("taxonKey").doc("The occurrences' taxonKey of the entry.").type().stringType().noDefault()
      .name("taxonID").doc("dwc:taxonID: TAXREF address of the entry, when the checklist gives one.").type()
      .optional().stringType()
      .name("scientificName").type().optional().stringType()
      .name("vernacularName").type().optional().stringType()
      .endRecord();

  /** An accepted submission on its way to the duplicate check. */
  public static final Schema ACCEPTED = SchemaBuilder.record("AcceptedSubmission").namespace(NS)
      .fields()
      .name("submissionId").type().stringType().noDefault()
      .name("protocol").type().stringType().noDefault()
      .name("sourceFile").type().stringType().noDefault()
      .name("sourceLine").type().longType().noDefault()
      .name("submittedAtMillis").type().longType().noDefault()
      .name("contentHash").type().stringType().noDefault()
      .name("occurrenceCount").type().intType().noDefault()
      .name("nonTaxonRecords").doc("Records naming no taxon (noise...): counted, not published.").type().intType()
      .intDefault(0)
      .name("occurrencesWithoutLocation").doc("Occurrences with no coordinates (LOCATION_UNKNOWN), for the manifest.")
      .type().intType().intDefault(0)
      .name("occurrencesWithoutObserver").doc("Occurrences with no observer (OBSERVER_UNKNOWN), for the manifest.")
      .type().intType().intDefault(0)
      .name("occurrences").doc("Avro binary of an array of Occurrence records (see AvroRecords.occurrencesOf): encoded"
          + " once, so shuffles move bytes instead of re-encoding every row.").type().bytesType().noDefault()
      .name("restricted").type().array().items(RESTRICTED_LOCATION).noDefault()
      .name("visit").doc("The complete-count visit (STOC, Propage, garden counts), else null.").type()
      .optional().type(VISIT)
      .name("siteKeys").doc("Restricted: the submission's site ids and rounded points (SiteKeys), for the release-wide"
          + " generalisation of sensitive sites. Never published.").type().array().items().stringType()
      .arrayDefault(java.util.List.of())
      .name("generalisationMeters").doc("The cell the whole event is generalised to; 0: not generalised.").type()
      .intType().intDefault(0)
      .endRecord();

  /** The encoded form of {@link #ACCEPTED}'s occurrences. */
  public static final Schema OCCURRENCE_ARRAY = Schema.createArray(OCCURRENCE);

  private AvroSchemas() {}

  private static Schema visitRow(String name, Set<String> skip) {
    SchemaBuilder.FieldAssembler<Schema> f = visitColumns(SchemaBuilder.record(name).namespace(NS)
        .doc("One visit of a complete-count protocol x one taxon of that protocol's list, zeros included (see"
            + " docs/publishing.md for the lists). Coordinates and cells are the visit's public location.")
        .fields(), skip);
    f = f.name("taxonKey").doc("The taxon of the protocol's list: the occurrences' taxonKey; for Propage taxa the"
        + " checklist does not match, `name:<scientificName>`.").type().stringType()
        .noDefault();
    f = f.name("scientificName").type().nullable().stringType().noDefault();
    f = f.name("vernacularName").type().nullable().stringType().noDefault();
    f = f.name("individualCount").doc("Individuals of the taxon counted on the visit (summed over its"
        + " occurrences); 0 when not reported.").type().intType().noDefault();
    f = f.name("occurrenceStatus").doc("dwc:occurrenceStatus: present, or absent (a zero).").type().stringType()
        .noDefault();
    return f.endRecord();
  }

  private static Schema eventRow(String name, Set<String> skip) {
    SchemaBuilder.FieldAssembler<Schema> f = visitColumns(SchemaBuilder.record(name).namespace(NS)
        .doc("One visit (a sampling event: one curated submission) with its effort, at its public location; for"
            + " complete-list protocols, the list its absences are read against (see docs/events.md).")
        .fields(), skip);
    f = f.name("samplingProtocol").doc("dwc:samplingProtocol: the package's protocol name and unit of effort.")
        .type().optional().stringType();
    f = f.name("sampleSizeValue").doc("dwc:sampleSizeValue: the package's sampling duration, else null.").type()
        .optional().doubleType();
    f = f.name("sampleSizeUnit").doc("dwc:sampleSizeUnit: minutes when sampleSizeValue is given.").type()
        .optional().stringType();
    f = f.name("samplingEffort").doc("dwc:samplingEffort in words (points, duration, transect length).").type()
        .optional().stringType();
    f = f.name("completeList").doc("True when every individual of the protocol's list seen was counted: taxa of"
        + " the list not reported were not seen (zero-filled in the view visits_zerofilled).").type().booleanType()
        .noDefault();
    f = f.name("checklistId").doc("Complete lists: the list the visit is zero-filled against (the checklists"
        + " dataset's checklistId), else null.").type().optional().stringType();
    f = f.name("checklistVersion").doc("Complete lists: the version of that list (the package version), else null.")
        .type().optional().stringType();
    f = f.name("taxaListed").doc("Complete lists: entries on the list (the visit's rows in visits_zerofilled), else"
        + " null.").type().optional().intType();
    f = f.name("occurrenceCount").doc("The visit's rows in occurrences.").type().intType().noDefault();
    return f.endRecord();
  }

  /** The columns of a visit (its ids, time, effort and public location), shared by visits and events. */
  private static SchemaBuilder.FieldAssembler<Schema> visitColumns(SchemaBuilder.FieldAssembler<Schema> f,
      Set<String> skip) {
    f = f.name("eventID").doc("dwc:eventID of the visit: `<protocol>:<submissionId>` (STOC: the occurrences'"
        + " parentEventID).").type().stringType().noDefault();
    f = f.name("submissionId").type().stringType().noDefault();
    if (!skip.contains("protocol")) {
      f = f.name("protocol").doc("Protocol folder name. A partition column.").type().stringType().noDefault();
    }
    f = f.name("locationID").doc("dwc:locationID: the site (STOC square, transect, garden); null when the submission"
        + " names no site.").type().optional().stringType();
    f = f.name("eventDate").doc("dwc:eventDate of the visit (local date).").type().stringType().noDefault();
    if (!skip.contains("year")) {
      f = f.name("year").doc("dwc:year of eventDate. A partition column.").type().intType().noDefault();
    }
    f = f.name("month").type().intType().noDefault();
    f = f.name("eventTime").doc("Start time of the visit as submitted (local), else null.").type().nullable()
        .stringType().noDefault();
    f = f.name("durationMinutes").doc("Effort: minutes of counting (STOC: summed over the points).").type()
        .nullable().doubleType().noDefault();
    f = f.name("pointCount").doc("Effort, STOC: number of point counts of the visit; else null.").type().nullable()
        .intType().noDefault();
    f = f.name("transectLengthMeters").doc("Effort, Propage: length of the transect walked; else null.").type()
        .nullable().intType().noDefault();
    f = f.name("decimalLatitude").doc("Public latitude of the visit (WGS84): the site, or the generalised location"
        + " when the visit holds a sensitive species; null when the submission gives no location (the visit is still"
        + " published: it counts for national trends).").type().optional().doubleType();
    f = f.name("decimalLongitude").doc("Public longitude of the visit (WGS84); null when the location is unknown.")
        .type().optional().doubleType();
    f = f.name("coordinateUncertaintyInMeters").doc("Uncertainty of a generalised location, else null.").type()
        .nullable().doubleType().noDefault();
    f = f.name("locationGeneralised").doc("True when the visit is published at a generalised location.").type()
        .booleanType().noDefault();
    f = f.name("eea10km").doc("EEA 10 km cell of the public location; null when the location is unknown.").type()
        .optional().stringType();
    f = f.name("inpn10km").doc("INPN 10 km Lambert-93 cell of the public location; null when the location is"
        + " unknown.").type().optional().stringType();
    return f;
  }

  /** The record schema with {@link #DICTIONARY_PROP} {@code "true"} on the given fields. */
  private static Schema withDictionary(Schema s, Set<String> names) {
    List<Schema.Field> fields = new java.util.ArrayList<>();
    for (Schema.Field f : s.getFields()) {
      Schema.Field copy = new Schema.Field(f, f.schema());
      if (names.contains(f.name())) {
        copy.addProp(DICTIONARY_PROP, "true");
      }
      fields.add(copy);
    }
    return Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), false, fields);
  }

  /** Appends the GeoParquet point column (WKB) to a record schema. */
  private static Schema withGeometry(Schema s) {
    List<Schema.Field> fields = new java.util.ArrayList<>();
    for (Schema.Field f : s.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(new Schema.Field("geometry",
        Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.BYTES)),
        "The public point (decimalLongitude, decimalLatitude) as ISO WKB, OGC:CRS84: the GeoParquet 1.1 geometry"
            + " column (see the file footer's `geo` key); generalised like the coordinates for sensitive species;"
            + " null when the location is unknown (GeoParquet 1.1 allows null geometries).",
        Schema.Field.NULL_DEFAULT_VALUE));
    return Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), false, fields);
  }

  private static Schema occurrence(String name, Set<String> skip) {
    SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(name).namespace(NS)
        .doc("A curated occurrence: Darwin Core terms where one exists.").fields();
    for (Column<Occurrence> c : OccurrenceColumns.ALL) {
      if (skip.contains(c.name())) {
        continue;
      }
      Schema type = switch (c.type()) {
        case STRING -> Schema.create(Schema.Type.STRING);
        case INT -> Schema.create(Schema.Type.INT);
        case LONG -> Schema.create(Schema.Type.LONG);
        case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
        case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
        case STRING_LIST -> Schema.createArray(Schema.create(Schema.Type.STRING));
      };
      SchemaBuilder.FieldBuilder<Schema> field = fields.name(c.name()).doc(c.doc());
      if (HIGH_CARDINALITY_OCCURRENCE_COLUMNS.contains(c.name())) {
        field = field.prop(DICTIONARY_PROP, "false");
      }
      if (c.nullable()) {
        fields = field.type(Schema.createUnion(Schema.create(Schema.Type.NULL), type)).withDefault(null);
      } else {
        fields = field.type(type).noDefault();
      }
    }
    return fields.endRecord();
  }
}
