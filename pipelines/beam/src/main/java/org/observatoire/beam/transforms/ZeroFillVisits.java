package org.observatoire.beam.transforms;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.avro.VisitBlocks;
import org.observatoire.beam.parquet.RowBlock;
import org.observatoire.beam.avro.VisitObservations;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.visits.ListedTaxon;
import org.observatoire.core.visits.ProtocolLists;
import org.observatoire.core.visits.Visit;
import org.observatoire.core.visits.ZeroFill;

/**
 * Zero-fills the complete-list visits (the materialised form of the {@code visits_zerofilled} view, kept behind the
 * nightly's {@code --materialiseVisits} as the reference the view is tested against): from the kept accepted
 * submissions whose visit is a complete list (one per visit, so no shuffle of the rows), one row per visit × entry of its protocol's list ({@link ProtocolLists}: the package
 * checklist's listed entries), with the visit's count of that entry, 0 when not reported ({@link ZeroFill}). Output:
 * one {@link RowBlock} of {@link AvroSchemas#VISIT_FILE} rows per visit ({@link VisitBlocks}), expanded into rows
 * only by the Parquet writer: a visit's rows repeat its columns, so they travel and sort as one element.
 */
public final class ZeroFillVisits extends PTransform<PCollection<GenericRecord>, PCollection<RowBlock>> {
  private ZeroFillVisits() {}

  public static ZeroFillVisits create() {
    return new ZeroFillVisits();
  }

  @Override
  public PCollection<RowBlock> expand(PCollection<GenericRecord> curated) {
    return curated
        .apply("CompleteListVisits", Filter.by(ZeroFillVisits::hasVisit))
        .setCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED))
        .apply("ZeroFill", ParDo.of(new ZeroFillFn()))
        .setCoder(RowBlock.coder());
  }

  private static boolean hasVisit(GenericRecord accepted) {
    GenericRecord visit = (GenericRecord) accepted.get("visit");
    return visit != null && (Boolean) visit.get("completeList");
  }

  static final class ZeroFillFn extends DoFn<GenericRecord, RowBlock> {
    private transient ZeroFill fill;
    private transient VisitBlocks blocks;
    private transient VisitObservations observations;
    private transient ProtocolLists lists;

    @Setup
    public void setup() {
      fill = ZeroFill.with(CellAssigner.create(0));
      blocks = VisitBlocks.create();
      lists = ProtocolLists.bundled();
      observations = VisitObservations.with(lists);
    }

    @ProcessElement
    public void process(@Element GenericRecord accepted, OutputReceiver<RowBlock> out) {
      Visit visit = AvroRecords.visitOf(accepted);
      List<ListedTaxon> list = lists.list(visit.protocol());
      RowBlock block = blocks.block(fill.rows(visit, observations.of(accepted, visit.protocol()), list));
      if (block != null) {
        out.output(block);
      }
    }
  }
}
