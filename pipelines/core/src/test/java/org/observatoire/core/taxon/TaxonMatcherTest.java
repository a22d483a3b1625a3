package org.observatoire.core.taxon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatoire.core.csv.CsvRows;

class TaxonMatcherTest {

  private static Checklist checklist;
  private static TaxonMatcher matcher;

  @BeforeAll
  static void load() {
    checklist = Checklist.loadDefault();
    matcher = TaxonMatcher.of(checklist);
  }

  @Test
  void stocCodeMatchesBlackbird() {
    TaxonMatch m = matcher.match(TaxonQuery.ofCode("TURMER"));
    assertThat(m.matchType(), is(MatchType.CODE));
    assertThat(m.scientificName(), is("Turdus merula"));
    assertThat(m.taxonID(), is("https://taxref.mnhn.fr/taxref-web/taxa/4117"));
    assertThat(m.acceptedNameUsageID(), is(m.taxonID()));
    assertThat(m.taxonKey(), is("taxref:4117"));
    assertThat(m.vernacularName(), is("Merle noir"));
    assertThat(m.taxonRank(), is("species"));
    assertThat(m.kingdom(), is("Animalia"));
    assertThat(m.taxonClass(), is("Aves"));
    assertThat(m.family(), is("Turdidae"));
    assertThat(m.flags().isEmpty(), is(true));
    assertThat(matcher.match(TaxonQuery.ofCode(" turmer ")).taxonKey(), is("taxref:4117"));
  }

  @Test
  void taxrefIdAndEuringCodeMatch() {
    assertThat(matcher.match(TaxonQuery.ofTaxrefId(2411)).scientificName(), is("Gavia stellata"));
    assertThat(matcher.match(TaxonQuery.ofTaxrefId(2411)).matchType(), is(MatchType.CODE));
    // EURING 11870 = Turdus merula
    assertThat(matcher.match(TaxonQuery.ofCode("11870")).taxonKey(), is("taxref:4117"));
    // EURING 10140 is shared by Anthus spinoletta and its nominate subspecies: the species
    assertThat(matcher.match(TaxonQuery.ofCode("10140")).scientificName(), is("Anthus spinoletta"));
  }

  @Test
  void twoStocCodesForOneTaxonAreOneTaxon() {
    TaxonMatch a = matcher.match(TaxonQuery.ofCode("TRICIN"));
    TaxonMatch b = matcher.match(TaxonQuery.ofCode("XENCIN"));
    assertThat(a.taxon(), equalTo(b.taxon()));
    assertThat(a.taxon().codes(), containsInAnyOrder("TRICIN", "XENCIN"));
  }

  @Test
  void scientificNameWithAuthorOddCaseAndAccents() {
    TaxonMatch m = matcher.match(TaxonQuery.ofScientificName("  PARUS   Májor Linnaeus, 1758 "));
    assertThat(m.matchType(), is(MatchType.EXACT));
    assertThat(m.taxonKey(), is("taxref:3764"));
    TaxonMatch bracket = matcher.match(TaxonQuery.ofScientificName("Erithacus rubecula (Linnaeus, 1758)"));
    assertThat(bracket.matchType(), is(MatchType.EXACT));
    assertThat(bracket.scientificName(), is("Erithacus rubecula"));
  }

  @Test
  void frenchNameWithAndWithoutAccents() {
    TaxonMatch accented = matcher.match(TaxonQuery.ofVernacularName("Mésange charbonnière"));
    TaxonMatch plain = matcher.match(TaxonQuery.ofVernacularName("mesange  CHARBONNIERE"));
    assertThat(accented.matchType(), is(MatchType.VERNACULAR));
    assertThat(accented.scientificName(), is("Parus major"));
    assertThat(plain.taxon(), equalTo(accented.taxon()));
    // thesaurus name without its article
    assertThat(matcher.match(TaxonQuery.ofVernacularName("petit gris")).scientificName(), is("Cornu aspersum"));
  }

  @Test
  void vernacularSharedBySpeciesAndItsSubspeciesIsTheSpecies() {
    TaxonMatch m = matcher.match(TaxonQuery.ofVernacularName("Bergeronnette printanière"));
    assertThat(m.matchType(), is(MatchType.VERNACULAR));
    assertThat(m.scientificName(), is("Motacilla flava"));
    // the subspecies code and the shared name agree (the subspecies is below the species)
    TaxonMatch both = matcher.match(TaxonQuery.of("MOTFLAFLA", null, null, "Bergeronnette printanière"));
    assertThat(both.matchType(), is(MatchType.CODE));
    assertThat(both.scientificName(), is("Motacilla flava flava"));
  }

  @Test
  void thesaurusV1NamesAreSynonymsOfTheirV2Taxon() {
    // "Le Doriphore" (V1) was renamed "Le Doryphore" (V2)
    TaxonMatch m = matcher.match(TaxonQuery.ofVernacularName("Le Doriphore"));
    assertThat(m.matchType(), is(MatchType.SYNONYM));
    assertThat(m.vernacularName(), is("Le Doryphore"));
    assertThat(m.hasFlag(TaxonMatcher.FLAG_SYNONYM), is(true));
    assertThat(m.hasFlag(TaxonMatcher.FLAG_NO_TAXREF), is(true));
    // Latin V1 "Massylaea vermiculata" became "Eobania vermiculata"
    TaxonMatch latin = matcher.match(TaxonQuery.ofScientificName("Massylaea vermiculata"));
    assertThat(latin.matchType(), is(MatchType.SYNONYM));
    assertThat(latin.scientificName(), is("Eobania vermiculata"));
    // "La Limace léopard" was regrouped into "Les Grandes Limaces"
    assertThat(matcher.match(TaxonQuery.ofVernacularName("La Limace léopard")).vernacularName(),
        is("Les Grandes Limaces"));
  }

  @Test
  void fuzzyMisspellingIsFlagged() {
    TaxonMatch m = matcher.match(TaxonQuery.ofScientificName("Erithacus rubicula"));
    assertThat(m.matchType(), is(MatchType.FUZZY));
    assertThat(m.scientificName(), is("Erithacus rubecula"));
    assertThat(m.hasFlag(TaxonMatcher.FLAG_FUZZY), is(true));
    TaxonMatch v = matcher.match(TaxonQuery.ofVernacularName("Mésange charbonièr"));
    assertThat(v.matchType(), is(MatchType.FUZZY));
    assertThat(v.scientificName(), is("Parus major"));
  }

  @Test
  void unknownSubspeciesFallsBackToSpeciesAndUnknownSpeciesToGenus() {
    TaxonMatch ssp = matcher.match(TaxonQuery.ofScientificName("Turdus merula azorensis Hartert, 1905"));
    assertThat(ssp.matchType(), is(MatchType.HIGHER_RANK));
    assertThat(ssp.scientificName(), is("Turdus merula"));
    assertThat(ssp.hasFlag(TaxonMatcher.FLAG_HIGHERRANK), is(true));
    TaxonMatch genus = matcher.match(TaxonQuery.ofScientificName("Turdus xyzzyensis"));
    assertThat(genus.matchType(), is(MatchType.HIGHER_RANK));
    assertThat(genus.scientificName(), is("Turdus"));
    assertThat(genus.taxonRank(), is("genus"));
  }

  @Test
  void sharedLatinNameInTheThesaurusIsAmbiguousUntilTheFrenchNameDecides() {
    // "Arion rufus" is the V2 Latin name of both "Les Grandes Loches, formes noires" and "… formes rouges"
    TaxonMatch m = matcher.match(TaxonQuery.ofScientificName("Arion rufus"));
    assertThat(m.matchType(), is(MatchType.AMBIGUOUS));
    assertThat(m.isMatched(), is(false));
    assertThat(m.candidateKeys(), containsInAnyOrder("qubs:18", "qubs:19"));
    assertThat(m.hasFlag(TaxonMatcher.FLAG_AMBIGUOUS), is(true));
    TaxonMatch decided = matcher.match(
        TaxonQuery.of(null, null, "Arion rufus", "Les Grandes Loches, formes rouges"));
    assertThat(decided.matchType(), is(MatchType.VERNACULAR)); // the input that decided
    assertThat(decided.taxonKey(), is("qubs:19"));
  }

  @Test
  void codeAndNameThatDisagreeAreAmbiguousNotGuessed() {
    TaxonMatch m = matcher.match(TaxonQuery.of("TURMER", null, "Erithacus rubecula", null));
    assertThat(m.matchType(), is(MatchType.AMBIGUOUS));
    assertThat(m.candidateKeys(), containsInAnyOrder("taxref:4117", "taxref:4001"));
    assertThat(m.flags().get(0).message(), containsString("Erithacus rubecula"));
    // agreeing inputs are fine
    assertThat(matcher.match(TaxonQuery.of("TURMER", 4117, "Turdus merula L.", "merle noir")).matchType(),
        is(MatchType.CODE));
  }

  @Test
  void unknownAndWithdrawnNamesMatchNothing() {
    TaxonMatch m = matcher.match(TaxonQuery.ofScientificName("Pipistrellus pipistrellus"));
    assertThat(m.matchType(), is(MatchType.NONE));
    assertThat(m.taxon(), nullValue());
    assertThat(m.hasFlag(TaxonMatcher.FLAG_NONE), is(true));
    TaxonMatch deleted = matcher.match(TaxonQuery.ofVernacularName("Le Scorpion à queue jaune"));
    assertThat(deleted.matchType(), is(MatchType.NONE));
    assertThat(deleted.hasFlag(TaxonMatcher.FLAG_WITHDRAWN), is(true));
    assertThrows(IllegalArgumentException.class, () -> TaxonQuery.of(" ", null, "", null));
  }

  @Test
  void hitRateOverEveryNameInBothReferenceFiles() throws IOException {
    Path ref = Path.of(System.getProperty("observatoire.root", "../.."), "sample-data", "reference");
    List<TaxonQuery> queries = new ArrayList<>();
    List<List<String>> stoc = read(ref.resolve("stoc_species.csv"), ',');
    for (List<String> r : stoc.subList(1, stoc.size())) {
      queries.add(TaxonQuery.ofCode(r.get(0)));
      if (!r.get(3).isEmpty()) {
        queries.add(TaxonQuery.ofScientificName(r.get(3)));
      }
      queries.add(TaxonQuery.ofVernacularName(r.get(4)));
    }
    int stocCount = queries.size();
    List<List<String>> thes = read(ref.resolve("thesaurus_V1V2.csv"), ';');
    int withdrawnRows = 0;
    for (List<String> r : thes.subList(1, thes.size())) {
      if ("suppression".equals(r.get(3))) {
        withdrawnRows++;
        continue;
      }
      for (int col : new int[] {1, 2, 4, 5}) {
        if (!r.get(col).isEmpty()) {
          queries.add(col % 3 == 2 || col == 5 ? TaxonQuery.ofScientificName(r.get(col))
              : TaxonQuery.ofVernacularName(r.get(col)));
        }
      }
    }
    int matchedStoc = 0;
    int matched = 0;
    int ambiguous = 0;
    for (int i = 0; i < queries.size(); i++) {
      TaxonMatch m = matcher.match(queries.get(i));
      if (m.isMatched()) {
        matched++;
        if (i < stocCount) {
          matchedStoc++;
        }
      } else if (m.matchType() == MatchType.AMBIGUOUS) {
        ambiguous++;
      }
    }
    int thesCount = queries.size() - stocCount;
    System.out.printf("HIT RATE stoc_species.csv: %d/%d (%.1f%%); thesaurus_V1V2.csv: %d/%d (%.1f%%), "
            + "ambiguous (shared thesaurus Latin names) %d, withdrawn rows skipped %d%n",
        matchedStoc, stocCount, 100.0 * matchedStoc / stocCount, matched - matchedStoc, thesCount,
        100.0 * (matched - matchedStoc) / thesCount, ambiguous, withdrawnRows);
    assertThat(matchedStoc, is(stocCount));
    assertThat(matched + ambiguous, is(queries.size()));
  }

  @Test
  void everyTaxonKnowsItsSource() {
    assertThat(checklist.taxa().size(), greaterThan(1000));
    List<String> sources = checklist.taxa().stream().map(Taxon::source).distinct().toList();
    assertThat(sources, hasItem("stoc_species.csv"));
    assertThat(sources, hasItem("thesaurus_V1V2.csv"));
  }

  private static List<List<String>> read(Path file, char sep) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CsvRows.read(r, sep);
    }
  }
}
