/**
 * Observatoire's domain core: plain Java over immutable values, no Beam, Parquet or Hadoop types.
 * The Beam module only wires these functions into pipelines.
 */
package org.observatoire.core;
