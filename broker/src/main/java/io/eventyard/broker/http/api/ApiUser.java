package io.eventyard.broker.http.api;

import java.util.Comparator;
import java.util.List;

import io.eventyard.broker.core.BrokerCore;
import io.eventyard.broker.core.vhost.VirtualHost;

/**
 * The logged-in caller of the management API and what RabbitMQ's tags let it see: {@code administrator}
 * everything, {@code monitoring} every vhost and connection, {@code management} and {@code policymaker}
 * the vhosts it has a permission on. A user with none of these tags may not use the API at all.
 * Its methods that take the core run on the core thread.
 */
public record ApiUser(String name, List<String> tags) {

    public boolean administrator() {
        return tags.contains("administrator");
    }

    /** Sees every vhost and every connection (RabbitMQ: a monitor; administrators are monitors too). */
    public boolean monitoring() {
        return administrator() || tags.contains("monitoring");
    }

    public boolean managementUser() {
        return monitoring() || tags.contains("management") || tags.contains("policymaker");
    }

    public void requireAdministrator() {
        if (!administrator()) {
            throw ApiException.forbidden("Not administrator user");
        }
    }

    public boolean sees(BrokerCore core, String vhost) {
        return monitoring() || core.permission(name, vhost) != null;
    }

    /** The vhost named in a URL: 404 when there is none, 403 when the caller may not see it. */
    public VirtualHost visibleVhost(BrokerCore core, String vhost) {
        VirtualHost found = core.virtualHost(vhost);
        if (found == null) {
            throw ApiException.notFound();
        }
        if (!sees(core, vhost)) {
            throw ApiException.forbidden("User not authorised to access virtual host");
        }
        return found;
    }

    /** Every vhost the caller may see, by name. */
    public List<VirtualHost> visibleVhosts(BrokerCore core) {
        return core.virtualHosts().stream()
                .filter(vhost -> sees(core, vhost.name()))
                .sorted(Comparator.comparing(VirtualHost::name))
                .toList();
    }

    /** The vhosts a list request covers: one named in the URL (checked), or all the caller may see. */
    public List<VirtualHost> vhostsFor(BrokerCore core, String vhostOrNull) {
        return vhostOrNull == null ? visibleVhosts(core) : List.of(visibleVhost(core, vhostOrNull));
    }
}
