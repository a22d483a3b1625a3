package org.observatoire.core.geo;

/** The projected CRSs the grids live in; always easting-first (x, y), metres. */
public enum ProjectedCrs {
  /** RGF93 v1 / Lambert-93, the French official projection; the INPN grids are defined in it. */
  LAMBERT_93("EPSG:2154"),
  /** ETRS89-extended / LAEA Europe; the EEA reference grid is defined in it. */
  LAEA_EUROPE("EPSG:3035");

  private final String epsgCode;

  ProjectedCrs(String epsgCode) {
    this.epsgCode = epsgCode;
  }

  public String epsgCode() {
    return epsgCode;
  }
}
