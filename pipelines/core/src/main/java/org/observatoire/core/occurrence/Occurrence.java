package org.observatoire.core.occurrence;

import java.util.List;
import java.util.Objects;

/**
 * One curated occurrence row, Darwin Core terms where a term exists. Columns and their meaning are listed once, in
 * {@link OccurrenceColumns}; build with {@link #builder()}.
 */
public record Occurrence(
    String occurrenceID,
    String eventID,
    String parentEventID,
    String submissionId,
    String protocol,
    Integer protocolVersion,
    String samplingProtocol,
    String basisOfRecord,
    String occurrenceStatus,
    String eventDate,
    String eventTime,
    String eventDateUtc,
    String verbatimEventDate,
    Long temporalUncertaintyInSeconds,
    Integer year,
    Integer month,
    Integer day,
    Double decimalLatitude,
    Double decimalLongitude,
    Double coordinateUncertaintyInMeters,
    String geodeticDatum,
    String countryCode,
    String stateProvince,
    String regionCode,
    String county,
    String departementCode,
    String inpn10km,
    String eea10km,
    String eea1km,
    String locationID,
    String locality,
    String verbatimIdentification,
    String scientificName,
    String vernacularName,
    String taxonID,
    String acceptedNameUsageID,
    String taxonRank,
    String kingdom,
    String taxonClass,
    String family,
    String taxonKey,
    String taxonMatchType,
    Integer individualCount,
    String identificationVerificationStatus,
    Double sampleSizeValue,
    String sampleSizeUnit,
    String samplingEffort,
    String recordedBy,
    String occurrenceRemarks,
    String dynamicProperties,
    String dataGeneralizations,
    String informationWithheld,
    List<String> flags,
    String submittedAt,
    String sourceFile,
    Long sourceLine) {

  /**
   * Required values are checked. Location ({@code decimalLatitude}, {@code decimalLongitude}, {@code locationID}) and
   * {@code recordedBy} may be null: some exports do not give them, and an unknown is published as null with a flag
   * (LOCATION_UNKNOWN, OBSERVER_UNKNOWN), never as an invented value.
   */
  public Occurrence {
    Objects.requireNonNull(occurrenceID, "occurrenceID is required");
    Objects.requireNonNull(eventID, "eventID is required");
    Objects.requireNonNull(submissionId, "submissionId is required");
    Objects.requireNonNull(protocol, "protocol is required");
    Objects.requireNonNull(protocolVersion, "protocolVersion is required");
    Objects.requireNonNull(samplingProtocol, "samplingProtocol is required");
    Objects.requireNonNull(basisOfRecord, "basisOfRecord is required");
    Objects.requireNonNull(occurrenceStatus, "occurrenceStatus is required");
    Objects.requireNonNull(eventDate, "eventDate is required");
    Objects.requireNonNull(year, "year is required");
    Objects.requireNonNull(month, "month is required");
    Objects.requireNonNull(day, "day is required");
    Objects.requireNonNull(geodeticDatum, "geodeticDatum is required");
    Objects.requireNonNull(countryCode, "countryCode is required");
    Objects.requireNonNull(flags, "flags is required");
    Objects.requireNonNull(submittedAt, "submittedAt is required");
    Objects.requireNonNull(sourceFile, "sourceFile is required");
    Objects.requireNonNull(sourceLine, "sourceLine is required");
    flags = List.copyOf(flags);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this occurrence's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    Occurrence o = this;
      b.occurrenceID = o.occurrenceID;
      b.eventID = o.eventID;
      b.parentEventID = o.parentEventID;
      b.submissionId = o.submissionId;
      b.protocol = o.protocol;
      b.protocolVersion = o.protocolVersion;
      b.samplingProtocol = o.samplingProtocol;
      b.basisOfRecord = o.basisOfRecord;
      b.occurrenceStatus = o.occurrenceStatus;
      b.eventDate = o.eventDate;
      b.eventTime = o.eventTime;
      b.eventDateUtc = o.eventDateUtc;
      b.verbatimEventDate = o.verbatimEventDate;
      b.temporalUncertaintyInSeconds = o.temporalUncertaintyInSeconds;
      b.year = o.year;
      b.month = o.month;
      b.day = o.day;
      b.decimalLatitude = o.decimalLatitude;
      b.decimalLongitude = o.decimalLongitude;
      b.coordinateUncertaintyInMeters = o.coordinateUncertaintyInMeters;
      b.geodeticDatum = o.geodeticDatum;
      b.countryCode = o.countryCode;
      b.stateProvince = o.stateProvince;
      b.regionCode = o.regionCode;
      b.county = o.county;
      b.departementCode = o.departementCode;
      b.inpn10km = o.inpn10km;
      b.eea10km = o.eea10km;
      b.eea1km = o.eea1km;
      b.locationID = o.locationID;
      b.locality = o.locality;
      b.verbatimIdentification = o.verbatimIdentification;
      b.scientificName = o.scientificName;
      b.vernacularName = o.vernacularName;
      b.taxonID = o.taxonID;
      b.acceptedNameUsageID = o.acceptedNameUsageID;
      b.taxonRank = o.taxonRank;
      b.kingdom = o.kingdom;
      b.taxonClass = o.taxonClass;
      b.family = o.family;
      b.taxonKey = o.taxonKey;
      b.taxonMatchType = o.taxonMatchType;
      b.individualCount = o.individualCount;
      b.identificationVerificationStatus = o.identificationVerificationStatus;
      b.sampleSizeValue = o.sampleSizeValue;
      b.sampleSizeUnit = o.sampleSizeUnit;
      b.samplingEffort = o.samplingEffort;
      b.recordedBy = o.recordedBy;
      b.occurrenceRemarks = o.occurrenceRemarks;
      b.dynamicProperties = o.dynamicProperties;
      b.dataGeneralizations = o.dataGeneralizations;
      b.informationWithheld = o.informationWithheld;
      b.flags = o.flags;
      b.submittedAt = o.submittedAt;
      b.sourceFile = o.sourceFile;
      b.sourceLine = o.sourceLine;
    return b;
  }

  /** Collects an occurrence's values; {@link #build()} checks the required ones. */
  public static final class Builder {
    private String occurrenceID;
    private String eventID;
    private String parentEventID;
    private String submissionId;
    private String protocol;
    private Integer protocolVersion;
    private String samplingProtocol;
    private String basisOfRecord;
    private String occurrenceStatus;
    private String eventDate;
    private String eventTime;
    private String eventDateUtc;
    private String verbatimEventDate;
    private Long temporalUncertaintyInSeconds;
    private Integer year;
    private Integer month;
    private Integer day;
    private Double decimalLatitude;
    private Double decimalLongitude;
    private Double coordinateUncertaintyInMeters;
    private String geodeticDatum;
    private String countryCode;
    private String stateProvince;
    private String regionCode;
    private String county;
    private String departementCode;
    private String inpn10km;
    private String eea10km;
    private String eea1km;
    private String locationID;
    private String locality;
    private String verbatimIdentification;
    private String scientificName;
    private String vernacularName;
    private String taxonID;
    private String acceptedNameUsageID;
    private String taxonRank;
    private String kingdom;
    private String taxonClass;
    private String family;
    private String taxonKey;
    private String taxonMatchType;
    private Integer individualCount;
    private String identificationVerificationStatus;
    private Double sampleSizeValue;
    private String sampleSizeUnit;
    private String samplingEffort;
    private String recordedBy;
    private String occurrenceRemarks;
    private String dynamicProperties;
    private String dataGeneralizations;
    private String informationWithheld;
    private List<String> flags = List.of();
    private String submittedAt;
    private String sourceFile;
    private Long sourceLine;

    private Builder() {}

    /** An independent builder with the same values so far (for rows sharing their event's columns). */
    public Builder copy() {
      Builder c = new Builder();
      c.occurrenceID = occurrenceID;
      c.eventID = eventID;
      c.parentEventID = parentEventID;
      c.submissionId = submissionId;
      c.protocol = protocol;
      c.protocolVersion = protocolVersion;
      c.samplingProtocol = samplingProtocol;
      c.basisOfRecord = basisOfRecord;
      c.occurrenceStatus = occurrenceStatus;
      c.eventDate = eventDate;
      c.eventTime = eventTime;
      c.eventDateUtc = eventDateUtc;
      c.verbatimEventDate = verbatimEventDate;
      c.temporalUncertaintyInSeconds = temporalUncertaintyInSeconds;
      c.year = year;
      c.month = month;
      c.day = day;
      c.decimalLatitude = decimalLatitude;
      c.decimalLongitude = decimalLongitude;
      c.coordinateUncertaintyInMeters = coordinateUncertaintyInMeters;
      c.geodeticDatum = geodeticDatum;
      c.countryCode = countryCode;
      c.stateProvince = stateProvince;
      c.regionCode = regionCode;
      c.county = county;
      c.departementCode = departementCode;
      c.inpn10km = inpn10km;
      c.eea10km = eea10km;
      c.eea1km = eea1km;
      c.locationID = locationID;
      c.locality = locality;
      c.verbatimIdentification = verbatimIdentification;
      c.scientificName = scientificName;
      c.vernacularName = vernacularName;
      c.taxonID = taxonID;
      c.acceptedNameUsageID = acceptedNameUsageID;
      c.taxonRank = taxonRank;
      c.kingdom = kingdom;
      c.taxonClass = taxonClass;
      c.family = family;
      c.taxonKey = taxonKey;
      c.taxonMatchType = taxonMatchType;
      c.individualCount = individualCount;
      c.identificationVerificationStatus = identificationVerificationStatus;
      c.sampleSizeValue = sampleSizeValue;
      c.sampleSizeUnit = sampleSizeUnit;
      c.samplingEffort = samplingEffort;
      c.recordedBy = recordedBy;
      c.occurrenceRemarks = occurrenceRemarks;
      c.dynamicProperties = dynamicProperties;
      c.dataGeneralizations = dataGeneralizations;
      c.informationWithheld = informationWithheld;
      c.flags = flags;
      c.submittedAt = submittedAt;
      c.sourceFile = sourceFile;
      c.sourceLine = sourceLine;
      return c;
    }

    public Builder occurrenceID(String value) {
      this.occurrenceID = value;
      return this;
    }

    public Builder eventID(String value) {
      this.eventID = value;
      return this;
    }

    public Builder parentEventID(String value) {
      this.parentEventID = value;
      return this;
    }

    public Builder submissionId(String value) {
      this.submissionId = value;
      return this;
    }

    public Builder protocol(String value) {
      this.protocol = value;
      return this;
    }

    public Builder protocolVersion(Integer value) {
      this.protocolVersion = value;
      return this;
    }

    public Builder samplingProtocol(String value) {
      this.samplingProtocol = value;
      return this;
    }

    public Builder basisOfRecord(String value) {
      this.basisOfRecord = value;
      return this;
    }

    public Builder occurrenceStatus(String value) {
      this.occurrenceStatus = value;
      return this;
    }

    public Builder eventDate(String value) {
      this.eventDate = value;
      return this;
    }

    public Builder eventTime(String value) {
      this.eventTime = value;
      return this;
    }

    public Builder eventDateUtc(String value) {
      this.eventDateUtc = value;
      return this;
    }

    public Builder verbatimEventDate(String value) {
      this.verbatimEventDate = value;
      return this;
    }

    public Builder temporalUncertaintyInSeconds(Long value) {
      this.temporalUncertaintyInSeconds = value;
      return this;
    }

    public Builder year(Integer value) {
      this.year = value;
      return this;
    }

    public Builder month(Integer value) {
      this.month = value;
      return this;
    }

    public Builder day(Integer value) {
      this.day = value;
      return this;
    }

    public Builder decimalLatitude(Double value) {
      this.decimalLatitude = value;
      return this;
    }

    public Builder decimalLongitude(Double value) {
      this.decimalLongitude = value;
      return this;
    }

    public Builder coordinateUncertaintyInMeters(Double value) {
      this.coordinateUncertaintyInMeters = value;
      return this;
    }

    public Builder geodeticDatum(String value) {
      this.geodeticDatum = value;
      return this;
    }

    public Builder countryCode(String value) {
      this.countryCode = value;
      return this;
    }

    public Builder stateProvince(String value) {
      this.stateProvince = value;
      return this;
    }

    public Builder regionCode(String value) {
      this.regionCode = value;
      return this;
    }

    public Builder county(String value) {
      this.county = value;
      return this;
    }

    public Builder departementCode(String value) {
      this.departementCode = value;
      return this;
    }

    public Builder inpn10km(String value) {
      this.inpn10km = value;
      return this;
    }

    public Builder eea10km(String value) {
      this.eea10km = value;
      return this;
    }

    public Builder eea1km(String value) {
      this.eea1km = value;
      return this;
    }

    public Builder locationID(String value) {
      this.locationID = value;
      return this;
    }

    public Builder locality(String value) {
      this.locality = value;
      return this;
    }

    public Builder verbatimIdentification(String value) {
      this.verbatimIdentification = value;
      return this;
    }

    public Builder scientificName(String value) {
      this.scientificName = value;
      return this;
    }

    public Builder vernacularName(String value) {
      this.vernacularName = value;
      return this;
    }

    public Builder taxonID(String value) {
      this.taxonID = value;
      return this;
    }

    public Builder acceptedNameUsageID(String value) {
      this.acceptedNameUsageID = value;
      return this;
    }

    public Builder taxonRank(String value) {
      this.taxonRank = value;
      return this;
    }

    public Builder kingdom(String value) {
      this.kingdom = value;
      return this;
    }

    public Builder taxonClass(String value) {
      this.taxonClass = value;
      return this;
    }

    public Builder family(String value) {
      this.family = value;
      return this;
    }

    public Builder taxonKey(String value) {
      this.taxonKey = value;
      return this;
    }

    public Builder taxonMatchType(String value) {
      this.taxonMatchType = value;
      return this;
    }

    public Builder individualCount(Integer value) {
      this.individualCount = value;
      return this;
    }

    public Builder identificationVerificationStatus(String value) {
      this.identificationVerificationStatus = value;
      return this;
    }

    public Builder sampleSizeValue(Double value) {
      this.sampleSizeValue = value;
      return this;
    }

    public Builder sampleSizeUnit(String value) {
      this.sampleSizeUnit = value;
      return this;
    }

    public Builder samplingEffort(String value) {
      this.samplingEffort = value;
      return this;
    }

    public Builder recordedBy(String value) {
      this.recordedBy = value;
      return this;
    }

    public Builder occurrenceRemarks(String value) {
      this.occurrenceRemarks = value;
      return this;
    }

    public Builder dynamicProperties(String value) {
      this.dynamicProperties = value;
      return this;
    }

    public Builder dataGeneralizations(String value) {
      this.dataGeneralizations = value;
      return this;
    }

    public Builder informationWithheld(String value) {
      this.informationWithheld = value;
      return this;
    }

    public Builder flags(List<String> value) {
      this.flags = value;
      return this;
    }

    public Builder submittedAt(String value) {
      this.submittedAt = value;
      return this;
    }

    public Builder sourceFile(String value) {
      this.sourceFile = value;
      return this;
    }

    public Builder sourceLine(Long value) {
      this.sourceLine = value;
      return this;
    }

    public Occurrence build() {
      return new Occurrence(occurrenceID, eventID, parentEventID, submissionId, protocol, protocolVersion, samplingProtocol, basisOfRecord, occurrenceStatus, eventDate, eventTime, eventDateUtc, verbatimEventDate, temporalUncertaintyInSeconds, year, month, day, decimalLatitude, decimalLongitude, coordinateUncertaintyInMeters, geodeticDatum, countryCode, stateProvince, regionCode, county, departementCode, inpn10km, eea10km, eea1km, locationID, locality, verbatimIdentification, scientificName, vernacularName, taxonID, acceptedNameUsageID, taxonRank, kingdom, taxonClass, family, taxonKey, taxonMatchType, individualCount, identificationVerificationStatus, sampleSizeValue, sampleSizeUnit, samplingEffort, recordedBy, occurrenceRemarks, dynamicProperties, dataGeneralizations, informationWithheld, flags, submittedAt, sourceFile, sourceLine);
    }
  }
}
