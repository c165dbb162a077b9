package io.cairn.ec2;

import io.cairn.volumes.Caller;
import io.cairn.volumes.VolumeException;

/** One EC2 action: reads its parameters, calls the service, writes its response document. */
@FunctionalInterface
interface Ec2Action {
  byte[] run(Caller caller, Ec2Request request, String requestId) throws VolumeException;
}
