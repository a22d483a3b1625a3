package org.observatoire.beam.avro;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.observatoire.core.visits.ListedTaxon;
import org.observatoire.core.visits.ProtocolLists;

/** The rows of the {@code checklists} dataset ({@link AvroSchemas#CHECKLIST}): every list, entry by entry. */
public final class ChecklistRecords {
  private ChecklistRecords() {}

  /** One record per entry of each protocol's list, protocols sorted, entries in list order. */
  public static List<GenericRecord> of(ProtocolLists lists) {
    List<GenericRecord> rows = new ArrayList<>();
    for (String protocol : lists.protocols()) {
      ProtocolLists.Source source = lists.source(protocol);
      List<ListedTaxon> list = lists.list(protocol);
      for (int i = 0; i < list.size(); i++) {
        ListedTaxon t = list.get(i);
        GenericData.Record r = new GenericData.Record(AvroSchemas.CHECKLIST);
        r.put("protocol", protocol);
        r.put("checklistId", source.checklistId());
        r.put("checklistVersion", source.checklistVersion());
        r.put("position", i);
        r.put("taxonKey", t.taxonKey());
        r.put("taxonID", lists.taxonID(t.taxonKey()));
        r.put("scientificName", t.scientificName());
        r.put("vernacularName", t.vernacularName());
        rows.add(r);
      }
    }
    return rows;
  }
}
