package org.observatoire.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.transforms.GeneraliseSensitiveSites;
import org.observatoire.core.interpret.OccurrenceInterpreter;
import org.observatoire.core.privacy.PlaceFields;
import org.observatoire.core.privacy.SiteKeys;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * Privacy per site for the whole release, without a pipeline, from the same core classes as the nightly's
 * {@code FindSensitiveSites}, {@code GeneraliseSensitiveSites} and {@code WithholdRejectedPlaces}: the widest cell of
 * each site with a generalised event ({@link #note}, from every kept submission, before any is published), then each
 * kept submission at such a site generalised to it ({@link #generalise}) and each rejected one published without its
 * places ({@link #withholdPlaces}). Thread-safe.
 */
final class SensitiveSites {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Integer> sites = new ConcurrentHashMap<>();

  /** Notes the site keys of a kept submission whose event was generalised, with its cell. */
  void note(GenericRecord accepted) {
    int cell = (Integer) accepted.get("generalisationMeters");
    if (cell > 0) {
      for (String key : AvroRecords.siteKeysOf(accepted)) {
        sites.merge(key, cell, Math::max);
      }
    }
  }

  int size() {
    return sites.size();
  }

  /** The kept submission, generalised to its site's widest cell when that is wider than its own. */
  GenericRecord generalise(GenericRecord accepted, OccurrenceInterpreter interpreter) {
    int cell = 0;
    if (!sites.isEmpty()) {
      for (String key : AvroRecords.siteKeysOf(accepted)) {
        cell = Math.max(cell, sites.getOrDefault(key, 0));
      }
    }
    return cell <= (Integer) accepted.get("generalisationMeters") ? accepted
        : GeneraliseSensitiveSites.generalise(accepted, cell, interpreter);
  }

  /** A rejected record, without the places of its public text when it was made at a sensitive site. */
  GenericRecord withholdPlaces(GenericRecord rejected) throws IOException {
    Object text = rejected.get("submission");
    if (text == null || sites.isEmpty() || rejected.get("protocol") == null) {
      return rejected;
    }
    String protocol = rejected.get("protocol").toString();
    JsonNode doc = JSON.readTree(text.toString());
    String pointer = ProtocolPackages.bundled().get(protocol)
        .map(p -> p.mapping().event().locationID()).orElse(null);
    if (SiteKeys.ofSubmission(doc, protocol, pointer).stream().noneMatch(sites::containsKey)) {
      return rejected;
    }
    GenericRecord copy = new GenericData.Record((GenericData.Record) rejected, true);
    copy.put("submission", PlaceFields.without(text.toString()));
    return copy;
  }
}
