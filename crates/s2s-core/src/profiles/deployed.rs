//! Where a profile's secret is deployed, as the profile service keeps it: consumers added,
//! removed and checked by id (the rules are [`super::consumers`]'s).

use super::consumers::{run_check, CheckRun, Consumer, ConsumerDraft, ConsumerError};
use super::service::{ProfileService, ServiceError};
use super::Profile;

impl ProfileService {
    /// Runs consumer `consumer_id`'s check with profile `id`'s current secret (blocking): does
    /// the deployment use it?
    pub fn check_consumer(&self, id: &str, consumer_id: &str) -> Result<CheckRun, ServiceError> {
        let (profile, raw) = self.credentials(id)?;
        let consumer = profile
            .consumers
            .iter()
            .find(|c| c.id == consumer_id)
            .ok_or_else(|| ConsumerError::NotFound(consumer_id.to_string()))?;
        run_check(consumer, &raw.client_secret)
            .map(CheckRun::from)
            .ok_or_else(|| ConsumerError::NoCheck(consumer.label.clone()).into())
    }

    /// Adds a consumer to profile `id`; the consumer as saved.
    pub fn add_consumer(&self, id: &str, draft: ConsumerDraft) -> Result<Consumer, ServiceError> {
        let profile = self.get(id)?;
        let consumer = draft.checked(&profile.consumers)?;
        let added = consumer.clone();
        self.change(id, |p| p.consumers.push(consumer))?;
        Ok(added)
    }

    /// Removes consumer `consumer_id` of profile `id`; the profile as changed.
    pub fn remove_consumer(&self, id: &str, consumer_id: &str) -> Result<Profile, ServiceError> {
        let profile = self.get(id)?;
        if !profile.consumers.iter().any(|c| c.id == consumer_id) {
            return Err(ConsumerError::NotFound(consumer_id.to_string()).into());
        }
        self.change(id, |p| p.consumers.retain(|c| c.id != consumer_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deliver::CommandLine;
    use crate::profiles::consumers::ConsumerTarget;
    use crate::secret::Secret;

    fn draft(label: &str, program: &str) -> ConsumerDraft {
        ConsumerDraft {
            label: label.into(),
            target: ConsumerTarget::Command {
                command: CommandLine {
                    program: program.into(),
                    args: vec!["store".into()],
                },
            },
            check: None,
            timeout_secs: None,
        }
    }

    #[test]
    fn consumers_are_saved_with_the_profile_without_a_secret_and_removed_by_id() {
        use crate::keychain::MemoryStore;
        use crate::profiles::file::ProfileFile;
        let dir = tempfile::tempdir().expect("tempdir");
        let service = ProfileService::open(
            ProfileFile::in_dir(dir.path()),
            std::sync::Arc::new(MemoryStore::default()),
        )
        .expect("opens");
        let secret = Secret::new("sandboxSecretReportingBot0000001");
        let id = service
            .save(
                None,
                crate::profiles::tests::draft("Reporting"),
                Some(&secret),
            )
            .expect("saved")
            .id;
        let added = service
            .add_consumer(&id, draft("Vault", "vault"))
            .expect("added");
        assert!(matches!(
            service.add_consumer(&id, draft("VAULT", "op")),
            Err(ServiceError::Consumer(ConsumerError::LabelTaken(_)))
        ));
        let file = std::fs::read_to_string(dir.path().join("profiles.json")).expect("file");
        assert!(file.contains("\"Vault\"") && !file.contains(secret.expose()));
        assert_eq!(
            service.get(&id).expect("profile").consumers,
            std::slice::from_ref(&added)
        );
        let kept = service.duplicate(&id).expect("copied");
        assert!(kept.consumers.is_empty(), "a copy deploys nowhere yet");
        service.remove_consumer(&id, &added.id).expect("removed");
        assert!(service.get(&id).expect("profile").consumers.is_empty());
        assert!(matches!(
            service.remove_consumer(&id, &added.id),
            Err(ServiceError::Consumer(ConsumerError::NotFound(_)))
        ));
    }
}
