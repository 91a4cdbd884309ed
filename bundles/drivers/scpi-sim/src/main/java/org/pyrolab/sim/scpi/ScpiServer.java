package org.pyrolab.sim.scpi;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line-based TCP server on the loopback interface, as a SCPI instrument's socket port is: each
 * client gets a thread, each line goes to the handler, and a non-null reply goes back with a
 * newline. Plain Java, so that simulators run as well outside an OSGi framework.
 */
public final class ScpiServer implements Closeable {

    private final ServerSocket serverSocket;
    private final ScpiHandler handler;
    private final String name;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clientCount = new AtomicInteger();
    private final Thread acceptor;

    private ScpiServer(ServerSocket serverSocket, ScpiHandler handler, String name) {
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.name = name;
        this.acceptor = new Thread(this::acceptClients, name + "-acceptor");
        acceptor.setDaemon(true);
    }

    /**
     * Listens on 127.0.0.1 and starts accepting clients.
     *
     * @param port the port, or 0 for a free one (see {@link #port()})
     * @param name names the server's threads
     */
    public static ScpiServer start(int port, ScpiHandler handler, String name) throws IOException {
        ServerSocket serverSocket = new ServerSocket();
        try {
            serverSocket.setReuseAddress(true);
            serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        ScpiServer server = new ScpiServer(serverSocket, handler, name);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The address clients connect to, such as {@code 127.0.0.1}. */
    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    /** Closes every client connection, as an instrument does when it reboots; the server keeps listening. */
    public void disconnectClients() {
        for (Socket client : clients) {
            closeQuietly(client);
        }
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        acceptor.join();
    }

    @Override
    public void close() {
        closeQuietly(serverSocket);
        disconnectClients();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptClients() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                client.setTcpNoDelay(true);
                clients.add(client);
                if (serverSocket.isClosed()) {
                    closeQuietly(client); // close() ran between accept and add
                }
                Thread thread = new Thread(() -> serve(client), name + "-client-" + clientCount.incrementAndGet());
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                // accept fails once the server socket is closed, which ends the loop
            }
        }
    }

    private void serve(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = client.getOutputStream()) {
            String line;
            while ((line = in.readLine()) != null) {
                String reply = line.isBlank() ? null : handler.handle(line);
                if (reply != null) {
                    out.write((reply + "\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away or was disconnected; its thread simply ends
        } finally {
            clients.remove(client);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed or broken: nothing left to release
        }
    }
}
