// Creates the topics of topics.txt that are missing and raises partition counts that are too low, in one
// Admin client session (one JVM instead of one kafka-topics run per topic). Used by `kafka.sh topics`,
// run in Java's single-file source mode with the broker's jars on the class path:
//   java -cp "$HY_BIN/kafka/libs/*" deploy/local/kafka/EnsureTopics.java <bootstrap> <topics.txt> [replication]
// Line format of topics.txt: <name> <partitions> [config=value,config=value]; '#' starts a comment.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

public class EnsureTopics {
  record Spec(String name, int partitions, Map<String, String> configs) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: EnsureTopics <bootstrap> <topics.txt> [replication-factor]");
      System.exit(2);
    }
    short replication = args.length > 2 ? Short.parseShort(args[2]) : 1;
    Map<String, Spec> wanted = new LinkedHashMap<>();
    int lineNo = 0;
    for (String raw : Files.readAllLines(Path.of(args[1]))) {
      lineNo++;
      String line = raw.replaceAll("#.*", "").trim();
      if (line.isEmpty()) continue;
      String[] f = line.split("\\s+");
      if (f.length < 2 || !f[1].matches("[0-9]+") || Integer.parseInt(f[1]) < 1) {
        fail(args[1] + ":" + lineNo + ": expected '<name> <partitions> [k=v,...]', got '" + raw + "'");
      }
      Map<String, String> configs = new HashMap<>();
      if (f.length > 2) {
        for (String kv : f[2].split(",")) {
          int eq = kv.indexOf('=');
          if (eq < 1) fail(args[1] + ":" + lineNo + ": bad config '" + kv + "'");
          configs.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
      wanted.put(f[0], new Spec(f[0], Integer.parseInt(f[1]), configs));
    }

    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
    try (Admin admin = Admin.create(props)) {
      var existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      List<NewTopic> create = new ArrayList<>();
      for (Spec s : wanted.values()) {
        if (!existing.contains(s.name())) create.add(new NewTopic(s.name(), s.partitions(), replication).configs(s.configs()));
      }
      Map<String, NewPartitions> raise = new HashMap<>();
      List<String> present = wanted.keySet().stream().filter(existing::contains).toList();
      if (!present.isEmpty()) {
        Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get(60, TimeUnit.SECONDS);
        for (var d : described.values()) {
          int want = wanted.get(d.name()).partitions();
          if (d.partitions().size() < want) raise.put(d.name(), NewPartitions.increaseTo(want));
        }
      }
      int created = 0;
      if (!create.isEmpty()) {
        for (var e : admin.createTopics(create).values().entrySet()) {
          try {
            e.getValue().get(60, TimeUnit.SECONDS);
            created++;
            Spec s = wanted.get(e.getKey());
            System.out.println("created " + s.name() + " (" + s.partitions() + " partitions"
                + (s.configs().isEmpty() ? "" : ", " + s.configs()) + ")");
          } catch (java.util.concurrent.ExecutionException ex) {
            if (!(ex.getCause() instanceof TopicExistsException)) throw ex; // created concurrently: fine
          }
        }
      }
      if (!raise.isEmpty()) {
        admin.createPartitions(raise).all().get(60, TimeUnit.SECONDS);
        raise.forEach((t, p) -> System.out.println("raised " + t + " to " + p.totalCount() + " partitions"));
      }
      System.out.println("topics: " + created + " created, " + raise.size() + " raised, "
          + (present.size() - raise.size()) + " already present");
    }
  }

  static void fail(String msg) {
    System.err.println(msg);
    System.exit(1);
  }
}
