package org.observatoire.core.csv;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

  @Test
  void readsQuotedFieldsSpanningLinesWithoutBomOrBlankLines() {
    String text = "\uFEFFid;name\r\n\r\n1;\"Pic \"\"épeiche\"\"\"\n   \n2;\"deux\nlignes\";x\n";
    List<List<String>> rows = CsvRows.read(new StringReader(text), ';');
    assertThat(rows, contains(List.of("id", "name"), List.of("1", "Pic \"épeiche\""),
        List.of("2", "deux\nlignes", "x")));
  }

  @Test
  void commentsAreSkippedOnlyWhenAsked() {
    String text = "# a comment\na,b\n";
    assertThat(CsvRows.readSkippingComments(new StringReader(text), ','), contains(List.of("a", "b")));
    assertThat(CsvRows.read(new StringReader(text), ',').get(0), is(List.of("# a comment")));
  }

  @Test
  void writesALineQuotingOnlyWhatNeedsIt() {
    assertThat(CsvRows.line(Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null, ""), ','),
        is("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,"));
    assertThat(CsvRows.quote("x;y", ';'), is("\"x;y\""));
    assertThat(CsvRows.quote("x;y", ','), is("x;y"));
  }

  @Test
  void whatItWritesReadsBack() {
    List<String> fields = List.of("Brest, port", "\"quoted\"", "é");
    assertThat(CsvRows.read(new StringReader(CsvRows.line(fields, ',')), ',').get(0), is(fields));
  }
}
