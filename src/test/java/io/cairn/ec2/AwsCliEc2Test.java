package io.cairn.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.nbd.ExternalTool;
import io.cairn.server.TestServer;
import io.cairn.server.Wiring;
import io.cairn.testing.AwsCli;
import io.cairn.testing.Programs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stock aws cli v2 ({@code /usr/bin/aws ec2 ...}) through the whole volume and snapshot life cycle. */
class AwsCliEc2Test {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(Wiring.production(TestServer.config(dir.resolve("data"))).env(TestServer.ENV));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private Run ec2As(String accessKey, String secretKey, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Programs.require("aws", "awscli").toString(), "ec2",
        "--endpoint-url", server.api(), "--region", "us-east-1", "--output", "json"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = AwsCli.process(cmd, accessKey, secretKey, dir);
    pb.environment().put("AWS_MAX_ATTEMPTS", "1");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  private Run ec2(String... args) throws Exception {
    Run r = ec2As(TestServer.ROOT_AK, TestServer.ROOT_SK, args);
    assertThat(r.exit()).as("aws ec2 %s: %s", String.join(" ", args), r.err()).isZero();
    return r;
  }

  @Test
  void volumeAndSnapshotLifeCycle_withTheStockAwsCli() throws Exception {
    JsonNode zones = ec2("describe-availability-zones").json();
    assertThat(zones.at("/AvailabilityZones/0/ZoneName").asText()).isEqualTo("us-east-1a");

    JsonNode created = ec2("create-volume", "--size", "1", "--availability-zone", "us-east-1a",
        "--tag-specifications", "ResourceType=volume,Tags=[{Key=team,Value=blue},{Key=cairn:description,Value=db disk}]").json();
    String vol = created.path("VolumeId").asText();
    assertThat(vol).startsWith("vol-");
    assertThat(created.path("Size").asInt()).isEqualTo(1);

    JsonNode described = ec2("describe-volumes", "--volume-ids", vol).json();
    assertThat(described.at("/Volumes/0/State").asText()).isEqualTo("available");
    assertThat(described.at("/Volumes/0/Tags").toString()).contains("blue");
    assertThat(ec2("describe-volumes", "--filters", "Name=tag:team,Values=blue").json().path("Volumes")).hasSize(1);
    assertThat(ec2("describe-volumes", "--filters", "Name=tag:team,Values=red").json().path("Volumes")).isEmpty();

    JsonNode attached = ec2("attach-volume", "--volume-id", vol, "--instance-id", "vm1", "--device", "/dev/vdb").json();
    assertThat(attached.path("State").asText()).isEqualTo("attached");
    assertThat(attached.path("Device").asText()).isEqualTo("vdb");
    assertThat(ec2("describe-volumes", "--volume-ids", vol).json().at("/Volumes/0/State").asText()).isEqualTo("in-use");
    String nbd = "nbd://127.0.0.1:" + server.server.listenerPort("nbd") + "/" + vol;
    assertThat(ExternalTool.QEMU_IO.run(60, "-f", "raw", "-c", "write -P 0x7c 0 1M", "-c", "flush", nbd).exit()).isZero();

    Run inUse = ec2As(TestServer.ROOT_AK, TestServer.ROOT_SK, "delete-volume", "--volume-id", vol);
    assertThat(inUse.exit()).isNotZero();
    assertThat(inUse.err()).contains("VolumeInUse");

    JsonNode snap = ec2("create-snapshot", "--volume-id", vol, "--description", "first").json();
    String snapId = snap.path("SnapshotId").asText();
    assertThat(snapId).startsWith("snap-");
    assertThat(snap.path("State").asText()).isEqualTo("completed");
    assertThat(ec2("describe-snapshots", "--owner-ids", "self").json().path("Snapshots")).hasSize(1);
    assertThat(ec2("describe-snapshots", "--snapshot-ids", snapId).json().at("/Snapshots/0/Description").asText()).isEqualTo("first");

    JsonNode clone = ec2("create-volume", "--snapshot-id", snapId, "--availability-zone", "us-east-1a").json();
    String cloneId = clone.path("VolumeId").asText();
    ec2("attach-volume", "--volume-id", cloneId, "--instance-id", "local/vm2", "--device", "vdc:ro");
    String cloneNbd = "nbd://127.0.0.1:" + server.server.listenerPort("nbd") + "/" + cloneId;
    assertThat(ExternalTool.QEMU_IO.run(60, "-r", "-f", "raw", "-c", "read -P 0x7c 0 1M", cloneNbd).all()).doesNotContain("Pattern verification failed");

    JsonNode modified = ec2("modify-volume", "--volume-id", vol, "--size", "2").json();
    assertThat(modified.at("/VolumeModification/TargetSize").asInt()).isEqualTo(2);
    assertThat(modified.at("/VolumeModification/OriginalSize").asInt()).isEqualTo(1);

    assertThat(ec2("detach-volume", "--volume-id", vol).json().path("State").asText()).isEqualTo("detached");
    ec2("detach-volume", "--volume-id", cloneId, "--instance-id", "local/vm2");
    ec2("delete-volume", "--volume-id", vol);
    ec2("delete-volume", "--volume-id", cloneId);
    ec2("delete-snapshot", "--snapshot-id", snapId);
    assertThat(ec2("describe-volumes").json().path("Volumes")).isEmpty();
    assertThat(ec2("describe-snapshots").json().path("Snapshots")).isEmpty();
  }

  @Test
  void errors_comeBackAsEc2ErrorCodes() throws Exception {
    Run missing = ec2As(TestServer.ROOT_AK, TestServer.ROOT_SK, "describe-volumes", "--volume-ids", "vol-0000000000000000a");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("InvalidVolume.NotFound");

    Run badZone = ec2As(TestServer.ROOT_AK, TestServer.ROOT_SK, "create-volume", "--size", "1", "--availability-zone", "mars-1a");
    assertThat(badZone.err()).contains("InvalidZone.NotFound");

    Run tooBig = ec2As(TestServer.ROOT_AK, TestServer.ROOT_SK, "create-volume", "--size", "0", "--availability-zone", "us-east-1a");
    assertThat(tooBig.err()).contains("InvalidParameterValue");

    Run badSecret = ec2As(TestServer.ROOT_AK, "not-the-secret-0000000000000000", "describe-volumes");
    assertThat(badSecret.exit()).isNotZero();
    assertThat(badSecret.err()).contains("SignatureDoesNotMatch");

    Run badKey = ec2As("AKNOSUCHKEY000000000", "whatever-secret-0000000000000000", "describe-volumes");
    assertThat(badKey.err()).contains("InvalidAccessKeyId");
  }

  @Test
  void usersSeeOnlyTheirOwnVolumes() throws Exception {
    assertThat(server.asRoot("POST", "/api/v1/users",
        "{\"name\":\"alice\",\"accessKey\":\"AKALICE0000000000000\",\"secretKey\":\"alice-secret-000000000000000000000\"}").statusCode()).isEqualTo(201);
    String rootVol = ec2("create-volume", "--size", "1", "--availability-zone", "us-east-1a").json().path("VolumeId").asText();

    Run alice = ec2As("AKALICE0000000000000", "alice-secret-000000000000000000000", "create-volume", "--size", "1", "--availability-zone", "us-east-1a");
    assertThat(alice.exit()).isZero();
    String aliceVol = alice.json().path("VolumeId").asText();
    Run aliceList = ec2As("AKALICE0000000000000", "alice-secret-000000000000000000000", "describe-volumes");
    assertThat(aliceList.json().path("Volumes")).extracting(v -> v.path("VolumeId").asText()).containsExactly(aliceVol);
    Run steal = ec2As("AKALICE0000000000000", "alice-secret-000000000000000000000", "delete-volume", "--volume-id", rootVol);
    assertThat(steal.err()).contains("InvalidVolume.NotFound");
    assertThat(ec2("describe-volumes").json().path("Volumes")).hasSize(2);
  }
}
