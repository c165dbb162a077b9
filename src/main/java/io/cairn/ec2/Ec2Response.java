package io.cairn.ec2;

/** What the EC2 Query API answers: an HTTP status and an XML body. */
public record Ec2Response(int status, byte[] body) {
  public static final String CONTENT_TYPE = "text/xml;charset=UTF-8";
}
