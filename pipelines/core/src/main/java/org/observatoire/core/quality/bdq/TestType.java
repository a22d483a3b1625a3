package org.observatoire.core.quality.bdq;

/** Kind of BDQ test. */
public enum TestType { VALIDATION, AMENDMENT, ISSUE, MEASURE }
