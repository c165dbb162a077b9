package io.cairn.volumes.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured hypervisor hosts and their types. Built-in types (manual, libvirt, qemu-qmp,
 * xen, proxmox) come from {@code hosts-default.json}; an optional {@code hosts.json} adds types,
 * replaces them, and names hosts. The host {@code local} of type {@code manual} always exists, so a
 * volume can be exported over NBD with nothing configured.
 */
public final class HostDirectory {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A configured host: its name, type and settings. */
  public record Host(String name, String type, Map<String, String> settings) {}

  private final Map<String, HostType> types;
  private final Map<String, Host> hosts;
  private final Path stateDir;
  private final HostTools tools;

  private HostDirectory(Map<String, HostType> types, Map<String, Host> hosts, Path stateDir, HostTools tools) {
    this.types = types;
    this.hosts = hosts;
    this.stateDir = stateDir;
    this.tools = tools;
  }

  /**
   * Loads the built-in types plus {@code config} if it exists. {@code stateDir} is where steps may
   * keep files (the {@code {stateDir}} placeholder).
   */
  public static HostDirectory load(Path config, Path stateDir, HostTools tools) throws IOException {
    JsonNode defaults;
    try (InputStream in = HostDirectory.class.getResourceAsStream("hosts-default.json")) {
      defaults = JSON.readTree(in);
    }
    ObjectNode typesJson = ((ObjectNode) defaults.get("types")).deepCopy();
    ObjectNode hostsJson = ((ObjectNode) defaults.get("hosts")).deepCopy();
    if (config != null && Files.exists(config)) {
      JsonNode user;
      try {
        user = JSON.readTree(config.toFile());
      } catch (IOException e) {
        throw new IOException("hosts configuration " + config + " is not valid JSON: " + e.getMessage(), e);
      }
      if (user.has("types")) {
        typesJson.setAll((ObjectNode) user.get("types"));
      }
      if (user.has("hosts")) {
        hostsJson.setAll((ObjectNode) user.get("hosts"));
      }
    }
    Map<String, HostType> types = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = typesJson.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      types.put(e.getKey(), parseType(e.getKey(), e.getValue()));
    }
    Map<String, Host> hosts = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = hostsJson.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String type = e.getValue().path("type").asText("");
      if (!types.containsKey(type)) {
        throw new IOException("host '" + e.getKey() + "' has unknown type '" + type + "'; known: " + types.keySet());
      }
      hosts.put(e.getKey(), new Host(e.getKey(), type, strings(e.getValue().get("settings"))));
    }
    return new HostDirectory(types, hosts, stateDir, tools);
  }

  /** The adapter of a configured host; {@link NoSuchHostException} if there is none by that name. */
  public HostAdapter adapter(String hostName) throws NoSuchHostException {
    Host h = hosts.get(hostName);
    if (h == null) {
      throw new NoSuchHostException(hostName, hosts.keySet());
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("stateDir", stateDir.toString());
    settings.putAll(h.settings());
    return new HostAdapter(h.name(), types.get(h.type()), settings, tools);
  }

  public List<Host> hosts() {
    return new ArrayList<>(hosts.values());
  }

  public List<String> typeNames() {
    return new ArrayList<>(types.keySet());
  }

  private static HostType parseType(String name, JsonNode t) throws IOException {
    try {
      Map<String, Map<String, String>> modes = new LinkedHashMap<>();
      if (t.has("modes")) {
        for (Iterator<Map.Entry<String, JsonNode>> it = t.get("modes").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> m = it.next();
          modes.put(AttachMode.of(m.getKey()).code(), strings(m.getValue()));
        }
      }
      return new HostType(name, strings(t.get("settings")), modes, steps(t.get("attach")), steps(t.get("detach")));
    } catch (IllegalArgumentException e) {
      throw new IOException("host type '" + name + "': " + e.getMessage(), e);
    }
  }

  private static List<StepTemplate> steps(JsonNode array) {
    List<StepTemplate> steps = new ArrayList<>();
    if (array == null) {
      return steps;
    }
    for (JsonNode s : array) {
      if (s.has("run")) {
        steps.add(new StepTemplate.Command(texts(s.get("run")), texts(s.get("undo"))));
      } else if (s.has("qmp")) {
        ObjectNode command = JSON.createObjectNode();
        command.put("execute", s.path("execute").asText());
        if (s.has("arguments")) {
          command.set("arguments", s.get("arguments"));
        }
        if (s.has("await")) {
          command.set("await", s.get("await"));
        }
        steps.add(new StepTemplate.Qmp(s.get("qmp").asText(), command, s.get("undo")));
      } else if (s.has("file")) {
        steps.add(new StepTemplate.File(s.get("file").asText(), s.path("content").asText(null)));
      } else {
        throw new IllegalArgumentException("a step needs 'run', 'qmp' or 'file': " + s);
      }
    }
    return steps;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static Map<String, String> strings(JsonNode obj) {
    Map<String, String> out = new LinkedHashMap<>();
    if (obj != null) {
      obj.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
