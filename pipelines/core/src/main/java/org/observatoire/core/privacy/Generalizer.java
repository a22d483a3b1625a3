package org.observatoire.core.privacy;

import java.util.Objects;
import java.util.Optional;
import org.observatoire.core.taxon.Taxon;

/**
 * Generalises the coordinates of sensitive taxa: the public coordinate is the centre of the grid cell (of the
 * taxon's generalisation size, in the {@link GridProjection}'s metric grid) that contains the point, rounded to 5
 * decimals (~1 m); the uncertainty grows by half the cell diagonal; {@code dataGeneralizations} and
 * {@code informationWithheld} say what was done. All points of one cell get the same public coordinate, so the
 * public data are never finer than the cell. Other taxa pass through unchanged. Deterministic and thread-safe.
 */
public final class Generalizer {

  private final SensitiveSpecies sensitive;
  private final GridProjection projection;

  private Generalizer(SensitiveSpecies sensitive, GridProjection projection) {
    this.sensitive = Objects.requireNonNull(sensitive, "sensitive");
    this.projection = Objects.requireNonNull(projection, "projection");
  }

  public static Generalizer of(SensitiveSpecies sensitive, GridProjection projection) {
    return new Generalizer(sensitive, projection);
  }

  /** The shipped list on the default equal-area grid. */
  public static Generalizer defaultForFrance() {
    return new Generalizer(SensitiveSpecies.loadDefault(), GridProjection.franceEqualArea());
  }

  /**
   * @param taxon the matched taxon, null when unmatched (passes through)
   * @param uncertaintyMetres the original coordinateUncertaintyInMeters, null when unknown
   */
  public GeneralizationResult generalise(Taxon taxon, double latitude, double longitude, Double uncertaintyMetres) {
    return generalise(sensitive.lookup(taxon), latitude, longitude, uncertaintyMetres);
  }

  public GeneralizationResult generalise(int taxrefCdNom, double latitude, double longitude,
      Double uncertaintyMetres) {
    return generalise(sensitive.lookup(taxrefCdNom), latitude, longitude, uncertaintyMetres);
  }

  /** Generalises for a listed taxon's entry (e.g. from {@link SensitiveSpecies#lookup(org.observatoire.core.taxon.TaxonMatch)}). */
  public GeneralizationResult generaliseFor(SensitiveSpecies.Entry entry, double latitude, double longitude,
      Double uncertaintyMetres) {
    return generalise(Optional.of(entry), latitude, longitude, uncertaintyMetres);
  }

  /** The shipped or given list of sensitive taxa. */
  public SensitiveSpecies sensitive() {
    return sensitive;
  }

  private GeneralizationResult generalise(Optional<SensitiveSpecies.Entry> entry, double latitude, double longitude,
      Double uncertaintyMetres) {
    if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("coordinate out of range: " + latitude + ", " + longitude);
    }
    if (uncertaintyMetres != null && !(uncertaintyMetres >= 0)) {
      throw new IllegalArgumentException("uncertainty must be >= 0 metres, got " + uncertaintyMetres);
    }
    if (entry.isEmpty()) {
      return new GeneralizationResult(false, latitude, longitude, uncertaintyMetres, null, null, 0, latitude,
          longitude, uncertaintyMetres);
    }
    SensitiveSpecies.Entry e = entry.get();
    return generalised(e.generalisationMetres(), latitude, longitude, uncertaintyMetres,
        "precise coordinates withheld: " + e.scientificName() + " is a sensitive species (" + e.reason()
            + "); full precision only in the restricted dataset");
  }

  private GeneralizationResult generalised(int size, double latitude, double longitude, Double uncertaintyMetres,
      String withheld) {
    if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("coordinate out of range: " + latitude + ", " + longitude);
    }
    double[] centre = cellCentre(latitude, longitude, size);
    double halfDiagonal = size * Math.sqrt(2) / 2;
    double publicUncertainty = Math.ceil((uncertaintyMetres == null ? 0 : uncertaintyMetres) + halfDiagonal);
    String cell = size % 1000 == 0 ? (size / 1000) + " km" : size + " m";
    String generalizations = "coordinates generalised to the centre of a " + cell + " cell ("
        + projection.description() + "); coordinateUncertaintyInMeters increased by " + Math.round(halfDiagonal)
        + " m (half the cell diagonal)" + (uncertaintyMetres == null ? "; original uncertainty unknown" : "");
    return new GeneralizationResult(true, round5(centre[0]), round5(centre[1]), publicUncertainty, generalizations,
        withheld, size, latitude, longitude, uncertaintyMetres);
  }

  /**
   * Generalises a point to the centre of its {@code sizeMetres} cell whatever its taxon: the other occurrences of an
   * event (or site) in which a sensitive species was recorded.
   *
   * @param withheld the Darwin Core {@code informationWithheld} text (why this row is generalised)
   */
  public GeneralizationResult generaliseTo(int sizeMetres, double latitude, double longitude,
      Double uncertaintyMetres, String withheld) {
    if (sizeMetres < 100) {
      throw new IllegalArgumentException("a generalisation cell is at least 100 m, got " + sizeMetres);
    }
    return generalised(sizeMetres, latitude, longitude, uncertaintyMetres, withheld);
  }

  /** {latitude, longitude} of the centre of the {@code sizeMetres} cell containing the point (not rounded). */
  public double[] cellCentre(double latitude, double longitude, int sizeMetres) {
    double[] xy = projection.forward(latitude, longitude);
    double cx = (Math.floor(xy[0] / sizeMetres) + 0.5) * sizeMetres;
    double cy = (Math.floor(xy[1] / sizeMetres) + 0.5) * sizeMetres;
    return projection.inverse(cx, cy);
  }

  public GridProjection projection() {
    return projection;
  }

  private static double round5(double v) {
    return Math.round(v * 1e5) / 1e5;
  }
}
