package org.pyrolab.web.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pyrolab.api.dto.ServiceDTO;
import org.pyrolab.api.dto.ServiceKind;
import org.pyrolab.api.dto.ServiceState;
import org.pyrolab.api.lab.NameServerEntry;
import org.pyrolab.api.lab.RemoteAccess;
import org.pyrolab.api.lab.Services;

/**
 * {@code /api/nameservers}: each name server this daemon runs, with the names it holds (the rows
 * of {@code nslist --json}), or the sentence saying why they could not be listed.
 */
final class NameServers {
    private final RemoteAccess remote;
    private final Services services;

    NameServers(RemoteAccess remote, Services services) {
        this.remote = remote;
        this.services = services;
    }

    List<Map<String, Object>> list() {
        List<Map<String, Object>> answer = new ArrayList<>();
        for (ServiceDTO s : services.list()) {
            if (s.kind != ServiceKind.NAMESERVER || s.state != ServiceState.RUNNING || s.address == null) {
                continue;
            }
            // its address is its PYRO: URI, PYRO:Pyro.NameServer@host:port
            String location = s.address.contains("@") ? s.address.substring(s.address.indexOf('@') + 1) : s.address;
            Map<String, Object> ns = new LinkedHashMap<>();
            ns.put("name", s.name);
            ns.put("address", location);
            List<Map<String, Object>> entries = new ArrayList<>();
            String error = null;
            try {
                if (remote == null) {
                    throw new IOException("remote access is not installed in this daemon");
                }
                int colon = location.lastIndexOf(':');
                for (NameServerEntry e : remote.nslist(location.substring(0, colon), Integer.parseInt(location.substring(colon + 1)))) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", e.name());
                    row.put("uri", e.uri());
                    row.put("metadata", e.metadata());
                    entries.add(row);
                }
            } catch (IOException | RuntimeException e) {
                error = ApiServlet.sentence(e.getMessage());
            }
            ns.put("entries", entries);
            ns.put("error", error);
            answer.add(ns);
        }
        return answer;
    }
}
