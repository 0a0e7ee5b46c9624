package dev.keysmith.playground;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the command line asks for: the operator against the usual kubeconfig (no arguments), the
 * playground, or help. Parsed before anything starts, so that a bad argument starts nothing.
 */
public sealed interface Launch {

  String USAGE =
      """
Usage:
  java -jar quarkus-run.jar
      Run the operator against the cluster of KUBECONFIG, ~/.kube/config or in-cluster.
  java -jar quarkus-run.jar playground [options]
      Run an in-memory Kubernetes API with Keysmith's CRDs, apply examples/ and run the
      operator against it. Prints "kubeconfig: <path>" when ready; use that file with kubectl.

Playground options:
  --port N           port of the API on 127.0.0.1 (default 0: any free port)
  --kubeconfig PATH  where to write the kubeconfig (default target/playground/kubeconfig)
  --api-only         run the API only, not the operator
  --no-examples      do not apply examples/
  --apply PATH       also apply this directory or file of manifests (repeatable)
  -h, --help         show this help
""";

  Path DEFAULT_KUBECONFIG = Path.of("target", "playground", "kubeconfig");

  /** Run the operator as a deployment would. */
  record Operator() implements Launch {}

  /** Print {@link #USAGE}. */
  record Help() implements Launch {}

  /** Run the playground. */
  record Playground(int port, Path kubeconfig, boolean apiOnly, boolean examples, List<Path> apply)
      implements Launch {}

  /** A command line that cannot be run; the message says why. */
  final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static Launch parse(String... args) throws UsageException {
    if (args.length == 0) {
      return new Operator();
    }
    if (isHelp(args[0])) {
      return new Help();
    }
    if (!args[0].equals("playground")) {
      throw new UsageException("unknown command: " + args[0]);
    }
    int port = 0;
    Path kubeconfig = DEFAULT_KUBECONFIG;
    boolean apiOnly = false;
    boolean examples = true;
    List<Path> apply = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      String option =
          arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
      String inlineValue = option.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
      switch (option) {
        case "-h", "--help" -> {
          return new Help();
        }
        case "--api-only" -> apiOnly = flag(option, inlineValue);
        case "--no-examples" -> examples = !flag(option, inlineValue);
        case "--port" -> {
          String value = inlineValue != null ? inlineValue : value(args, ++i, option);
          port = port(value);
        }
        case "--kubeconfig" -> {
          String value = inlineValue != null ? inlineValue : value(args, ++i, option);
          if (value.isBlank()) {
            throw new UsageException("--kubeconfig needs a file path");
          }
          kubeconfig = Path.of(value);
        }
        case "--apply" -> {
          Path path = Path.of(inlineValue != null ? inlineValue : value(args, ++i, option));
          if (!Files.exists(path)) {
            throw new UsageException("--apply: no such directory or file: " + path);
          }
          apply.add(path);
        }
        default ->
            throw new UsageException(
                arg.startsWith("-") ? "unknown option: " + arg : "unexpected argument: " + arg);
      }
    }
    return new Playground(port, kubeconfig, apiOnly, examples, List.copyOf(apply));
  }

  private static boolean isHelp(String arg) {
    return arg.equals("-h") || arg.equals("--help") || arg.equals("help");
  }

  private static boolean flag(String option, String inlineValue) throws UsageException {
    if (inlineValue != null) {
      throw new UsageException(option + " takes no value");
    }
    return true;
  }

  private static String value(String[] args, int index, String option) throws UsageException {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return args[index];
  }

  private static int port(String value) throws UsageException {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--port needs a number from 0 to 65535, not \"" + value + "\"");
  }
}
