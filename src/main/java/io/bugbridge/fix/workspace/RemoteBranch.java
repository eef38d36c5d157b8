package io.bugbridge.fix.workspace;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;

/**
 * The remote side of a workspace's branch. The lease is the id the remote branch had when the
 * workspace was opened (zero when it did not exist): a push replaces exactly that and nothing a
 * person pushed in the meantime.
 */
final class RemoteBranch {

	private static final String TRACKING = "refs/bugbridge/remote/";

	private final Repository repository;

	private final String branch;

	private ObjectId lease;

	RemoteBranch(Repository repository, String branch, ObjectId lease) {
		this.repository = repository;
		this.branch = branch;
		this.lease = lease;
	}

	void push(String remoteUrl, String token) throws IOException {
		String ref = Constants.R_HEADS + branch;
		ObjectId head = repository.resolve(ref);
		try (Transport transport = Transport.open(repository, Remotes.uri(remoteUrl))) {
			transport.setCredentialsProvider(Remotes.credentials(token));
			RemoteRefUpdate update = new RemoteRefUpdate(repository, ref, head, ref, true, null, lease);
			PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
			RemoteRefUpdate outcome = result.getRemoteUpdate(ref);
			switch (outcome.getStatus()) {
				case OK, UP_TO_DATE -> lease = head;
				default -> throw new PushRejectedException(ref, Remotes.describe(remoteUrl),
						Remotes.scrub(reason(outcome), token));
			}
		}
		catch (TransportException ex) {
			// The server said no before any ref was considered (authentication, permissions, a broken remote).
			throw new PushRejectedException(ref, Remotes.describe(remoteUrl), Remotes.scrub(ex.getMessage(), token));
		}
		catch (NotSupportedException ex) {
			throw Remotes.failure("Pushing to", remoteUrl, ex, token);
		}
	}

	/** Whether the commit is on the remote branch, fetching the branch only when it moved past it. */
	boolean contains(String remoteUrl, String token, ObjectId commit) throws IOException {
		String ref = Constants.R_HEADS + branch;
		try (Transport transport = Transport.open(repository, Remotes.uri(remoteUrl))) {
			transport.setCredentialsProvider(Remotes.credentials(token));
			Ref advertised;
			try (FetchConnection connection = transport.openFetch()) {
				advertised = connection.getRef(ref);
			}
			if (advertised == null || advertised.getObjectId() == null) {
				return false;
			}
			if (advertised.getObjectId().equals(commit)) {
				return true;
			}
			transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + ref + ":" + TRACKING + branch)));
			try (RevWalk walk = new RevWalk(repository)) {
				RevCommit wanted = walk.parseCommit(commit);
				return walk.isMergedInto(wanted, walk.parseCommit(advertised.getObjectId()));
			}
			catch (MissingObjectException ex) {
				return false;
			}
		}
		catch (TransportException | NotSupportedException ex) {
			throw Remotes.failure("Reading " + ref + " from", remoteUrl, ex, token);
		}
	}

	private static String reason(RemoteRefUpdate update) {
		String detail = update.getMessage() == null || update.getMessage().isBlank() ? "" : " (" + update.getMessage() + ")";
		return switch (update.getStatus()) {
			case REJECTED_REMOTE_CHANGED -> "the remote branch changed since this run started (expected "
					+ (ObjectId.zeroId().equals(update.getExpectedOldObjectId()) ? "no branch"
							: update.getExpectedOldObjectId().name()) + ")" + detail;
			case REJECTED_NONFASTFORWARD -> "non-fast-forward update refused" + detail;
			case REJECTED_NODELETE -> "deletion refused" + detail;
			case REJECTED_OTHER_REASON -> update.getMessage() == null ? "rejected" : update.getMessage();
			default -> update.getStatus().name().toLowerCase(Locale.ROOT).replace('_', ' ') + detail;
		};
	}

}
