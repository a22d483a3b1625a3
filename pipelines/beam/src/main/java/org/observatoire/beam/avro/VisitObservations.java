package org.observatoire.beam.avro;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.observatoire.core.visits.Observed;
import org.observatoire.core.visits.ProtocolLists;

/**
 * What a kept accepted submission's public occurrence rows say of its visit ({@link Observed}): read from the
 * encoded rows with an {@link OccurrencePicker}, each taxon keyed as on its protocol's list (null when off the list).
 * Not thread-safe: one per DoFn instance.
 */
public final class VisitObservations {
  private final OccurrencePicker picker = OccurrencePicker.of(List.of("taxonKey", "individualCount",
      "decimalLatitude", "decimalLongitude", "coordinateUncertaintyInMeters", "dataGeneralizations"));
  private final ProtocolLists lists;

  private VisitObservations(ProtocolLists lists) {
    this.lists = lists;
  }

  public static VisitObservations with(ProtocolLists lists) {
    return new VisitObservations(lists);
  }

  /** The observed rows of {@code accepted}, a submission of {@code protocol}, in row order. */
  public List<Observed> of(GenericRecord accepted, String protocol) {
    List<Observed> observed = new ArrayList<>();
    picker.rows((ByteBuffer) accepted.get("occurrences"), o -> observed.add(new Observed(
        lists.listKey(protocol, (String) o[0]), (Integer) o[1], (Double) o[2], (Double) o[3], (Double) o[4],
        o[5] != null)));
    return observed;
  }
}
