package org.observatoire.core.geo.region;

/** How a point relates to metropolitan France's (simplified) département polygons. */
public enum LocationStatus {
  /** Inside (or on the boundary of) a département polygon. */
  INSIDE,
  /**
   * Outside every polygon, but within the locator's tolerance of one (typically a shore point that
   * the simplified coastline cuts off): the nearest département is given, and flagged so.
   */
  NEAREST_WITHIN_TOLERANCE,
  /** At sea or abroad: no département, no région. */
  OUTSIDE_FRANCE
}
