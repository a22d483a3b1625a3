SELECT e.eventID, e.submissionId, e.locationID, e.eventDate, e.month, e.eventTime, e.durationMinutes,
  e.pointCount, e.transectLengthMeters, e.decimalLatitude, e.decimalLongitude, e.coordinateUncertaintyInMeters,
  e.locationGeneralised, e.eea10km, e.inpn10km, c.taxonKey, c.scientificName, c.vernacularName,
  CAST(coalesce(o.individualCount, 0) AS INT) AS individualCount,
  CASE WHEN o.taxonKey IS NULL THEN 'absent' ELSE 'present' END AS occurrenceStatus,
  e.geometry, e.protocol, e.year
FROM events e
JOIN checklists c
  ON c.protocol = e.protocol AND c.checklistId = e.checklistId AND c.checklistVersion = e.checklistVersion
LEFT JOIN (
  SELECT protocol, submissionId, taxonKey, sum(coalesce(CAST(individualCount AS INT), 0)) AS individualCount
  FROM occurrences
  WHERE taxonKey IS NOT NULL
  GROUP BY protocol, submissionId, taxonKey
) o ON o.protocol = e.protocol AND o.submissionId = e.submissionId AND o.taxonKey = c.taxonKey
WHERE CAST(e.completeList AS BOOLEAN)
