package org.observatoire.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.observatoire.cli.intake.ApiKeys;
import org.observatoire.core.protocol.ProtocolPackages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code observatoire intake keys add|list|revoke}: the client applications' API keys (docs/intake.md). */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    subcommands = {IntakeKeysCommand.Add.class, IntakeKeysCommand.ListKeys.class, IntakeKeysCommand.Revoke.class},
    description = "API keys of the intake's client applications, kept hashed in STATE_DIR/keys.json; a running"
        + " intake sees changes within a second.")
public final class IntakeKeysCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("intake keys: say add, list or revoke (observatoire intake keys --help)");
    return 2;
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Make a key for a client application; the key is printed once, only its hash is kept.")
  static final class Add implements Callable<Integer> {
    @Mixin
    IntakeCommand.StateDir state;

    @Option(names = "--name", required = true, description = "The client application's name.")
    String name;

    @Option(names = "--protocol", required = true, split = ",",
        description = "Protocols the key may send (repeatable or comma-separated; * for all).")
    List<String> protocols;

    @Option(names = "--rate", description = "Submissions per second for this key (default: the intake's --key-rate).")
    Double rate;

    @Override
    public Integer call() {
      ProtocolPackages known = ProtocolPackages.bundled();
      for (String p : protocols) {
        if (!p.equals(ApiKeys.ALL_PROTOCOLS) && known.get(p).isEmpty()) {
          System.err.println("--protocol: unknown protocol '" + p + "'; known: " + String.join(", ", known.ids())
              + " (or *)");
          return 2;
        }
      }
      if (rate != null && !(rate > 0)) {
        System.err.println("--rate must be positive, not " + rate);
        return 2;
      }
      try {
        ApiKeys keys = ApiKeys.open(state.dir.resolve("keys.json"));
        String key = keys.add(name, new LinkedHashSet<>(protocols), rate);
        System.err.println("key " + key.substring(4, 12) + " for " + name + " (" + String.join(",", protocols)
            + ") added to " + keys.file() + "; it is shown only now:");
        System.out.println(key);
        return 0;
      } catch (IllegalArgumentException | IllegalStateException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys (ids, never the keys).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin
    IntakeCommand.StateDir state;

    @Override
    public Integer call() {
      try {
        ApiKeys keys = ApiKeys.open(state.dir.resolve("keys.json"));
        System.out.println("id\tname\tprotocols\tcreated\trevoked\tkind");
        for (ApiKeys.Client c : keys.list()) {
          System.out.println(String.join("\t", c.id(), c.name(), String.join(",", c.protocols()),
              c.created().toString(), c.revoked() == null ? "-" : c.revoked().toString(), c.page() ? "page" : "app"));
        }
        return 0;
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a key by its id (the 8 hex digits after obs_); refused from then on.")
  static final class Revoke implements Callable<Integer> {
    @Mixin
    IntakeCommand.StateDir state;

    @Parameters(paramLabel = "ID", description = "The key's id, as keys list shows it.")
    String id;

    @Override
    public Integer call() {
      try {
        ApiKeys keys = ApiKeys.open(state.dir.resolve("keys.json"));
        if (!keys.revoke(id)) {
          System.err.println("no active key with the id '" + id + "' in " + keys.file() + " (see intake keys list)");
          return 2;
        }
        System.out.println("revoked " + id);
        return 0;
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
  }
}
