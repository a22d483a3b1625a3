package org.observatoire.beam.transforms;

import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.avro.EventRows;
import org.observatoire.beam.avro.VisitObservations;
import org.observatoire.beam.parquet.RowBlock;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.visits.ProtocolLists;
import org.observatoire.core.visits.Visit;
import org.observatoire.core.visits.VisitPlace;

/**
 * One event row per kept accepted submission (a visit, once: the zero-filled table is a view over events,
 * checklists and occurrences): its time, effort and public place ({@link VisitPlace}: generalised when any of its
 * occurrences was), whether it is a complete list and against which list, and its occurrence count. Output: one
 * {@link RowBlock} of one {@link AvroSchemas#EVENT_FILE} row per visit ({@link EventRows}).
 */
public final class DescribeEvents extends PTransform<PCollection<GenericRecord>, PCollection<RowBlock>> {
  private DescribeEvents() {}

  public static DescribeEvents create() {
    return new DescribeEvents();
  }

  @Override
  public PCollection<RowBlock> expand(PCollection<GenericRecord> curated) {
    return curated.apply("DescribeEvent", ParDo.of(new DescribeEventFn())).setCoder(RowBlock.coder());
  }

  static final class DescribeEventFn extends DoFn<GenericRecord, RowBlock> {
    private transient Describer describer;

    @Setup
    public void setup() {
      describer = new Describer();
    }

    @ProcessElement
    public void process(@Element GenericRecord accepted, OutputReceiver<RowBlock> out) {
      RowBlock event = describer.event(accepted);
      if (event != null) {
        out.output(event);
      }
    }
  }

  /** A kept accepted submission's event row, without a pipeline. Not thread-safe: one per thread. */
  public static final class Describer {
    private final CellAssigner cells = CellAssigner.create(0);
    private final EventRows rows = EventRows.create();
    private final ProtocolLists lists = ProtocolLists.bundled();
    private final VisitObservations observations = VisitObservations.with(lists);

    /** The submission's event row as a block of one row, or null when it describes no visit. */
    public RowBlock event(GenericRecord accepted) {
      Visit visit = AvroRecords.visitOf(accepted);
      if (visit == null) {
        return null;
      }
      VisitPlace place = VisitPlace.of(visit, observations.of(accepted, visit.protocol()), cells);
      return rows.block(visit, place, (Integer) accepted.get("occurrenceCount"), lists);
    }
  }
}
