package io.cairn.volumes;

import io.cairn.catalog.Attachment;
import io.cairn.catalog.Catalog;
import io.cairn.catalog.CatalogException;
import io.cairn.catalog.ConflictException;
import io.cairn.catalog.Host;
import io.cairn.catalog.NotFoundException;
import io.cairn.catalog.Volume;
import io.cairn.volumes.host.AttachMode;
import io.cairn.volumes.host.AttachParameters;
import io.cairn.volumes.host.HostAdapter;
import io.cairn.volumes.host.HostDirectory;
import io.cairn.volumes.host.HostStepException;
import io.cairn.volumes.host.NoSuchHostException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attach and detach: the catalog keeps the sharing rule (one rw, or many ro) in the transaction
 * that records the attachment; the host adapter then runs its steps. The attachment is recorded
 * first (state attaching) so that the NBD listener already serves the export when the hypervisor
 * connects during the steps; if a step fails the adapter has rolled its steps back and the record
 * is removed, so a failed attach leaves nothing behind.
 */
public final class VolumeAttachments {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeAttachments.class);

  private final Catalog catalog;
  private final HostDirectory hosts;
  private final String nbdHost;
  private final java.util.function.IntSupplier nbdPort;

  /**
   * @param nbdHost the address hypervisor hosts reach Cairn's NBD listener at
   * @param nbdPort its port, asked at each attach (the listener binds after the service is made)
   */
  public VolumeAttachments(Catalog catalog, HostDirectory hosts, String nbdHost, java.util.function.IntSupplier nbdPort) {
    this.catalog = catalog;
    this.hosts = hosts;
    this.nbdHost = nbdHost;
    this.nbdPort = nbdPort;
  }

  AttachmentInfo attach(Volume v, String host, String vm, String device, AttachMode mode) throws VolumeException {
    HostAdapter adapter = adapter(host);
    AttachParameters params = parameters(v, vm, device, mode);
    Attachment a;
    try {
      ensureHostRow(adapter);
      a = catalog.attachments().attach(v.id(), host, vm, device, Views.mode(mode));
    } catch (ConflictException e) {
      throw new VolumeException(VolumeError.ATTACHMENT_CONFLICT, e.getMessage(), e);
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.VOLUME_NOT_FOUND);
    }
    try {
      List<String> steps = adapter.attach(params);
      for (String step : steps) {
        catalog.attachments().recordStep(a.id(), step);
      }
      return Views.attachment(catalog.attachments().setState(a.id(), Attachment.State.ATTACHED));
    } catch (HostStepException e) {
      forget(a);
      throw new VolumeException(VolumeError.HOST_COMMAND_FAILED, e.getMessage(), e);
    } catch (CatalogException e) {
      forget(a);
      throw Views.error(e, VolumeError.VOLUME_NOT_FOUND);
    }
  }

  AttachmentInfo detach(Volume v, String vm, boolean force) throws VolumeException {
    Attachment a = find(v, vm);
    HostAdapter adapter = adapter(a.host());
    try {
      catalog.attachments().setState(a.id(), Attachment.State.DETACHING);
      try {
        adapter.detach(parameters(v, a.vm(), a.device(), Views.mode(a.mode())), force);
      } catch (HostStepException e) {
        catalog.attachments().setState(a.id(), Attachment.State.ATTACHED);
        throw new VolumeException(VolumeError.HOST_COMMAND_FAILED, e.getMessage(), e);
      }
      Attachment gone = catalog.attachments().detach(a.id());
      AttachmentInfo info = Views.attachment(gone);
      return new AttachmentInfo(info.volumeId(), info.host(), info.vm(), info.device(), info.mode(), "detached", info.attached(), info.exportName());
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.ATTACHMENT_NOT_FOUND);
    }
  }

  private Attachment find(Volume v, String vm) throws VolumeException {
    List<Attachment> all;
    try {
      all = catalog.attachments().listByVolume(v.id());
    } catch (CatalogException e) {
      throw Views.error(e, VolumeError.VOLUME_NOT_FOUND);
    }
    List<Attachment> matching = all.stream().filter(a -> vm == null || a.vm().equals(vm)).toList();
    if (matching.isEmpty()) {
      throw new VolumeException(VolumeError.ATTACHMENT_NOT_FOUND,
          "Volume '" + v.id() + "' is not attached" + (vm == null ? "." : " to '" + vm + "'."));
    }
    if (matching.size() > 1) {
      throw new VolumeException(VolumeError.INVALID_PARAMETER,
          "Volume '" + v.id() + "' is attached to " + matching.size() + " VMs; name the one to detach from.");
    }
    return matching.get(0);
  }

  private HostAdapter adapter(String host) throws VolumeException {
    try {
      return hosts.adapter(host);
    } catch (NoSuchHostException e) {
      throw new VolumeException(VolumeError.HOST_NOT_FOUND, e.getMessage(), e);
    }
  }

  private AttachParameters parameters(Volume v, String vm, String device, AttachMode mode) throws VolumeException {
    try {
      return new AttachParameters(v.id(), vm, device, mode, nbdHost, nbdPort.getAsInt(), v.id());
    } catch (IllegalArgumentException e) {
      throw new VolumeException(VolumeError.INVALID_PARAMETER, e.getMessage(), e);
    }
  }

  /** The catalog keeps attachments per host: make sure the configured host has its row. */
  private void ensureHostRow(HostAdapter adapter) throws CatalogException {
    if (catalog.hosts().find(adapter.hostName()).isPresent()) {
      return;
    }
    try {
      catalog.hosts().create(adapter.hostName(), hostType(adapter.typeName()), "{}");
    } catch (io.cairn.catalog.AlreadyExistsException raced) {
      // another attach registered it first
    }
  }

  private static Host.Type hostType(String typeName) {
    return switch (typeName) {
      case "libvirt" -> Host.Type.LIBVIRT;
      case "qemu-qmp" -> Host.Type.QEMU_QMP;
      case "xen" -> Host.Type.XEN;
      case "proxmox" -> Host.Type.PROXMOX;
      default -> Host.Type.MANUAL;
    };
  }

  private void forget(Attachment a) {
    try {
      catalog.attachments().detach(a.id());
    } catch (NotFoundException gone) {
      // nothing to forget
    } catch (CatalogException e) {
      LOG.error("cannot remove the record of failed attachment {}", a.id(), e);
    }
  }
}
