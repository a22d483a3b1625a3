package org.observatoire.core.privacy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.observatoire.core.samples.SampleData;

class ObserverIdentitiesTest {
  @Test
  void readsObserversNamesAndEmailsNotAppNames() {
    Set<String> terms = new TreeSet<>();
    ObserverIdentities.addLine("{\"app\":{\"name\":\"VigieNature-iOS\"},\"observer\":{\"id\":\"obs-1\","
        + "\"name\":\"Inès Marchetti\",\"email\":\"ines.marchetti@example.org\"},\"remarks\":\"rien\"}", terms);
    assertThat(terms, containsInAnyOrder("inès marchetti", "ines.marchetti@example.org"));
  }

  @Test
  void readsTheNameOfABrokenLineLeniently() {
    Set<String> terms = new TreeSet<>();
    ObserverIdentities.addLine("{\"submissionId\":\"x\",\"observer\":{\"id\":\"obs-1\",\"name\":Quatrebarbe\","
        + "\"email\":\"quatrebarbe@example.org\"},\"app\":{\"name\":\"VigieNature-iOS\"}", terms);
    assertThat(terms, hasItems("quatrebarbe", "quatrebarbe@example.org"));
    assertThat(terms, not(hasItem("vigienature-ios")));
  }

  @Test
  void readsEveryObserverOfTheReproducers() {
    Set<String> terms = ObserverIdentities.read(List.of(SampleData.root().resolve("privacy/reproducers.jsonl")));
    assertThat(terms, hasItems("ambroise quatrebarbe", "ambroise.quatrebarbe@example.org", "quatrebarbe",
        "maëlys tournebise", "solene.brehaut@example.net"));
  }
}
