<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ErrorText</name>
    <message>
        <source>The bank&apos;s server cannot be reached. Please check the network connection and try again.</source>
        <translation>The bank&apos;s server cannot be reached. Please check the network connection and try again.</translation>
    </message>
    <message>
        <source>The bank&apos;s server did not answer in time. Please try again later.</source>
        <translation>The bank&apos;s server did not answer in time. Please try again later.</translation>
    </message>
    <message>
        <source>The bank&apos;s server gave an answer this program does not understand. Please try again later.</source>
        <translation>The bank&apos;s server gave an answer this program does not understand. Please try again later.</translation>
    </message>
    <message>
        <source>Login is possible again from %1.</source>
        <translation>Login is possible again from %1.</translation>
    </message>
    <message>
        <source>Attempts left: %1</source>
        <translation>Attempts left: %1</translation>
    </message>
    <message>
        <source>Please wait %1 seconds.</source>
        <translation>Please wait %1 seconds.</translation>
    </message>
    <message>
        <source>Renewal is possible from %1.</source>
        <translation>Renewal is possible from %1.</translation>
    </message>
    <message>
        <source>The server could not be confirmed as the bank&apos;s server, so the connection was stopped and nothing was sent. A device on this network (a proxy or security appliance) may be inspecting encrypted connections. Please ask your IT administrator to exclude %1 from HTTPS inspection, or contact the bank.</source>
        <translation>The server could not be confirmed as the bank&apos;s server, so the connection was stopped and nothing was sent. A device on this network (a proxy or security appliance) may be inspecting encrypted connections. Please ask your IT administrator to exclude %1 from HTTPS inspection, or contact the bank.</translation>
    </message>
    <message>
        <source>the bank&apos;s server</source>
        <translation>the bank&apos;s server</translation>
    </message>
    <message>
        <source>The bank&apos;s server could not be reached through the proxy server %1. Please try again later; if this continues, please ask your IT administrator whether the proxy can reach %2.</source>
        <translation>The bank&apos;s server could not be reached through the proxy server %1. Please try again later; if this continues, please ask your IT administrator whether the proxy can reach %2.</translation>
    </message>
    <message>
        <source>The proxy server %1 set on this PC cannot be reached, so nothing was sent to the bank. Please ask your IT administrator to check the proxy server and this PC&apos;s proxy settings.</source>
        <translation>The proxy server %1 set on this PC cannot be reached, so nothing was sent to the bank. Please ask your IT administrator to check the proxy server and this PC&apos;s proxy settings.</translation>
    </message>
    <message>
        <source>The proxy server %1 (%2) asks for a user name and password, and none was accepted, so nothing was sent to the bank. Please enter the proxy&apos;s user name and password, or ask your IT administrator.</source>
        <translation>The proxy server %1 (%2) asks for a user name and password, and none was accepted, so nothing was sent to the bank. Please enter the proxy&apos;s user name and password, or ask your IT administrator.</translation>
    </message>
    <message>
        <source>no name given</source>
        <translation>no name given</translation>
    </message>
    <message>
        <source>The proxy server %1 refused to connect to the bank&apos;s server, so nothing was sent. Please ask your IT administrator to allow connections to %2 through the proxy.</source>
        <translation>The proxy server %1 refused to connect to the bank&apos;s server, so nothing was sent. Please ask your IT administrator to allow connections to %2 through the proxy.</translation>
    </message>
    <message>
        <source>The bank&apos;s server did not answer in time through the proxy server %1. Please try again later.</source>
        <translation>The bank&apos;s server did not answer in time through the proxy server %1. Please try again later.</translation>
    </message>
</context>
<context>
    <name>JapanTime</name>
    <message>
        <source>%1 (Japan time)</source>
        <translation>%1 (Japan time)</translation>
    </message>
    <message>
        <source>%1 to %2 (Japan time)</source>
        <translation>%1 to %2 (Japan time)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Rokin Enroll</source>
        <translation>Rokin Enroll</translation>
    </message>
    <message>
        <source>The bank&apos;s CA bundle is not set up on this PC. Please contact the bank.</source>
        <translation>The bank&apos;s CA bundle is not set up on this PC. Please contact the bank.</translation>
    </message>
    <message>
        <source>The bank&apos;s CA bundle could not be read: %1</source>
        <translation>The bank&apos;s CA bundle could not be read: %1</translation>
    </message>
</context>
<context>
    <name>enroll::client::AccountController</name>
    <message>
        <source>This Windows account holds no electronic certificate from the bank. Please issue one first.</source>
        <translation>This Windows account holds no electronic certificate from the bank. Please issue one first.</translation>
    </message>
    <message>
        <source>The certificate on this PC cannot be used to log in.</source>
        <translation>The certificate on this PC cannot be used to log in.</translation>
    </message>
    <message>
        <source>Your user information was changed.</source>
        <translation>Your user information was changed.</translation>
    </message>
</context>
<context>
    <name>enroll::client::AccountPage</name>
    <message>
        <source>User information</source>
        <translation>User information</translation>
    </message>
    <message>
        <source>Logged in with the electronic certificate of this PC.</source>
        <translation>Logged in with the electronic certificate of this PC.</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Contract number</source>
        <translation>Contract number</translation>
    </message>
    <message>
        <source>Electronic certificate</source>
        <translation>Electronic certificate</translation>
    </message>
    <message>
        <source>To change the user name or e-mail address, edit them and enter your password. The user ID cannot be changed (please contact the bank).</source>
        <translation>To change the user name or e-mail address, edit them and enter your password. The user ID cannot be changed (please contact the bank).</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Renew certificate</source>
        <translation>Renew certificate</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Master user</source>
        <translation>Master user</translation>
    </message>
    <message>
        <source>General user</source>
        <translation>General user</translation>
    </message>
    <message>
        <source>Serial %1, valid until %2</source>
        <translation>Serial %1, valid until %2</translation>
    </message>
    <message>
        <source>Renewal is open.</source>
        <translation>Renewal is open.</translation>
    </message>
    <message>
        <source>Renewal opens on %1.</source>
        <translation>Renewal opens on %1.</translation>
    </message>
    <message>
        <source>Only to change the user name or e-mail address: your current password, to confirm the change.</source>
        <translation>Only to change the user name or e-mail address: your current password, to confirm the change.</translation>
    </message>
    <message>
        <source>Signs out and shows the start screen.</source>
        <translation>Signs out and shows the start screen.</translation>
    </message>
    <message>
        <source>Shows the users of this contract.</source>
        <translation>Shows the users of this contract.</translation>
    </message>
    <message>
        <source>Issues a new electronic certificate in place of the current one.</source>
        <translation>Issues a new electronic certificate in place of the current one.</translation>
    </message>
    <message>
        <source>Changes your user name or e-mail address.</source>
        <translation>Changes your user name or e-mail address.</translation>
    </message>
</context>
<context>
    <name>enroll::client::CodeEntryPage</name>
    <message>
        <source>Enter the authentication code</source>
        <translation>Enter the authentication code</translation>
    </message>
    <message>
        <source>Enter the code from the e-mail, then press [Authenticate].</source>
        <translation>Enter the code from the e-mail, then press [Authenticate].</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>Send a new code</translation>
    </message>
    <message>
        <source>Authenticate</source>
        <translation>Authenticate</translation>
    </message>
    <message>
        <source>An authentication code was sent to %1.</source>
        <translation>An authentication code was sent to %1.</translation>
    </message>
    <message>
        <source>Valid until %1</source>
        <translation>Valid until %1</translation>
    </message>
    <message>
        <source>Enter the authentication code sent to your e-mail address.</source>
        <translation>Enter the authentication code sent to your e-mail address.</translation>
    </message>
    <message>
        <source>If the e-mail with the code does not arrive, please check the registered e-mail address again. [Send a new code] sends another one.</source>
        <translation>If the e-mail with the code does not arrive, please check the registered e-mail address again. [Send a new code] sends another one.</translation>
    </message>
    <message>
        <source>Stops the process and shows the start screen.</source>
        <translation>Stops the process and shows the start screen.</translation>
    </message>
    <message>
        <source>Sends a new authentication code to your e-mail address.</source>
        <translation>Sends a new authentication code to your e-mail address.</translation>
    </message>
    <message>
        <source>Runs the two-step authentication.</source>
        <translation>Runs the two-step authentication.</translation>
    </message>
    <message>
        <source>Unlike the manual, [Cancel] goes back to the start screen, not to the user authentication screen. To continue later, start again with [Issue electronic certificate].</source>
        <translation>Unlike the manual, [Cancel] goes back to the start screen, not to the user authentication screen. To continue later, start again with [Issue electronic certificate].</translation>
    </message>
</context>
<context>
    <name>enroll::client::ContractLoginPage</name>
    <message>
        <source>Initial registration login</source>
        <translation>Initial registration login</translation>
    </message>
    <message>
        <source>Enter the contract number and the initial password, then press [Next].</source>
        <translation>Enter the contract number and the initial password, then press [Next].</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>For the contract number, enter the contract number written in the &quot;Notice of start (change) of use&quot;.</source>
        <translation>For the contract number, enter the contract number written in the &quot;Notice of start (change) of use&quot;.</translation>
    </message>
    <message>
        <source>For the initial password, enter the password the contractor applied for at the bank at contract time.</source>
        <translation>For the initial password, enter the password the contractor applied for at the bank at contract time.</translation>
    </message>
    <message>
        <source>After 6 wrong passwords in a row, login is not possible for 60 minutes (lock). The lock is lifted after 60 minutes and you can log in again, but after the 3rd lock login is not possible any more (block) and you can no longer log in.</source>
        <translation>After 6 wrong passwords in a row, login is not possible for 60 minutes (lock). The lock is lifted after 60 minutes and you can log in again, but after the 3rd lock login is not possible any more (block) and you can no longer log in.</translation>
    </message>
    <message>
        <source>If you are blocked, please contact the bank (Rokin).</source>
        <translation>If you are blocked, please contact the bank (Rokin).</translation>
    </message>
    <message>
        <source>Stops the initial registration login and shows the start screen.</source>
        <translation>Stops the initial registration login and shows the start screen.</translation>
    </message>
    <message>
        <source>Runs the initial registration login.</source>
        <translation>Runs the initial registration login.</translation>
    </message>
</context>
<context>
    <name>enroll::client::Doctor</name>
    <message>
        <source>Route: direct to the bank (%1)</source>
        <translation>Route: direct to the bank (%1)</translation>
    </message>
    <message>
        <source>Route: through the proxy server %1 (%2)</source>
        <translation>Route: through the proxy server %1 (%2)</translation>
    </message>
    <message>
        <source>The bank&apos;s server answers.</source>
        <translation>The bank&apos;s server answers.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate chain is the bank&apos;s: the connection is not inspected.</source>
        <translation>The server&apos;s certificate chain is the bank&apos;s: the connection is not inspected.</translation>
    </message>
    <message>
        <source>The bank&apos;s server is reached.</source>
        <translation>The bank&apos;s server is reached.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate chain could not be checked: no connection.</source>
        <translation>The server&apos;s certificate chain could not be checked: no connection.</translation>
    </message>
    <message>
        <source>Certificate: this user has no electronic certificate from the bank on this PC.</source>
        <translation>Certificate: this user has no electronic certificate from the bank on this PC.</translation>
    </message>
    <message>
        <source>Key: no certificate, so no key.</source>
        <translation>Key: no certificate, so no key.</translation>
    </message>
    <message>
        <source>Revocation (OCSP): no certificate to ask about.</source>
        <translation>Revocation (OCSP): no certificate to ask about.</translation>
    </message>
    <message>
        <source>Certificate of %1: issuer %2, serial %3, expired on %4 (Japan time).</source>
        <translation>Certificate of %1: issuer %2, serial %3, expired on %4 (Japan time).</translation>
    </message>
    <message>
        <source>Key: the certificate&apos;s private key is missing on this PC. Please issue the certificate again.</source>
        <translation>Key: the certificate&apos;s private key is missing on this PC. Please issue the certificate again.</translation>
    </message>
    <message>
        <source>Key: present, but it can be exported. Please contact the bank.</source>
        <translation>Key: present, but it can be exported. Please contact the bank.</translation>
    </message>
    <message>
        <source>Key: present, but a test signature with it failed.</source>
        <translation>Key: present, but a test signature with it failed.</translation>
    </message>
    <message>
        <source>Key: present, not exportable, a test signature verifies.</source>
        <translation>Key: present, not exportable, a test signature verifies.</translation>
    </message>
    <message>
        <source>Key: present, a test signature verifies.</source>
        <translation>Key: present, a test signature verifies.</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the certificate names no OCSP responder of the bank&apos;s CAs.</source>
        <translation>Revocation (OCSP): the certificate names no OCSP responder of the bank&apos;s CAs.</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the bank&apos;s responder did not answer. %1</source>
        <translation>Revocation (OCSP): the bank&apos;s responder did not answer. %1</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the bank says the certificate is good.</source>
        <translation>Revocation (OCSP): the bank says the certificate is good.</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the bank has revoked this certificate. Please issue a new one.</source>
        <translation>Revocation (OCSP): the bank has revoked this certificate. Please issue a new one.</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the bank does not know this certificate.</source>
        <translation>Revocation (OCSP): the bank does not know this certificate.</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the answer was not the bank&apos;s, or not valid.</source>
        <translation>Revocation (OCSP): the answer was not the bank&apos;s, or not valid.</translation>
    </message>
    <message>
        <source>Automatic renewal: not installed on this PC (AUTO_RENEW=0); renew with the wizard.</source>
        <translation>Automatic renewal: not installed on this PC (AUTO_RENEW=0); renew with the wizard.</translation>
    </message>
    <message>
        <source>Automatic renewal: the logon task is registered.</source>
        <translation>Automatic renewal: the logon task is registered.</translation>
    </message>
    <message>
        <source>Automatic renewal: the logon task is missing. Please ask your IT administrator to repair the installation.</source>
        <translation>Automatic renewal: the logon task is missing. Please ask your IT administrator to repair the installation.</translation>
    </message>
    <message>
        <source>Last notice of the logon task: none.</source>
        <translation>Last notice of the logon task: none.</translation>
    </message>
    <message>
        <source>Last notice of the logon task: %1</source>
        <translation>Last notice of the logon task: %1</translation>
    </message>
    <message>
        <source>Certificate of %1: issuer %2, serial %3, valid until %4 (Japan time), days left: %5.</source>
        <translation>Certificate of %1: issuer %2, serial %3, valid until %4 (Japan time), days left: %5.</translation>
    </message>
</context>
<context>
    <name>enroll::client::ImportPage</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>The certificate and its private key are being installed for your Windows account.</source>
        <translation>The certificate and its private key are being installed for your Windows account.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Imported correctly.</source>
        <translation>Imported correctly.</translation>
    </message>
    <message>
        <source>The initial setup is complete. You can now log in to the system from this PC.</source>
        <translation>The initial setup is complete. You can now log in to the system from this PC.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>If two or more people use the service, register the general users next: log in, then open [Users].</source>
        <translation>If two or more people use the service, register the general users next: log in, then open [Users].</translation>
    </message>
    <message>
        <source>The electronic certificate is valid for 366 days including the day of issue; after that you cannot log in to the system. A notice is e-mailed 30 days before it expires.</source>
        <translation>The electronic certificate is valid for 366 days including the day of issue; after that you cannot log in to the system. A notice is e-mailed 30 days before it expires.</translation>
    </message>
    <message>
        <source>Runs the import once more.</source>
        <translation>Runs the import once more.</translation>
    </message>
    <message>
        <source>Closes the electronic certificate issuance result screen.</source>
        <translation>Closes the electronic certificate issuance result screen.</translation>
    </message>
    <message>
        <source>[Try again] runs the import once more. [Close] keeps the issued certificate on this PC: the import is finished the next time you start this program.</source>
        <translation>[Try again] runs the import once more. [Close] keeps the issued certificate on this PC: the import is finished the next time you start this program.</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <source>The electronic certificate was issued and is kept on this PC, but it is not installed for your Windows account yet.</source>
        <translation>The electronic certificate was issued and is kept on this PC, but it is not installed for your Windows account yet.</translation>
    </message>
    <message>
        <source>Closes the window. The issued certificate stays on this PC and is imported at the next start.</source>
        <translation>Closes the window. The issued certificate stays on this PC and is imported at the next start.</translation>
    </message>
</context>
<context>
    <name>enroll::client::IssuanceController</name>
    <message>
        <source>Your new password is registered.</source>
        <translation>Your new password is registered.</translation>
    </message>
    <message>
        <source>A new authentication code was sent to %1.</source>
        <translation>A new authentication code was sent to %1.</translation>
    </message>
    <message>
        <source>Preparing the certificate&apos;s secret key on this PC…</source>
        <translation>Preparing the certificate&apos;s secret key on this PC…</translation>
    </message>
    <message>
        <source>The key pair could not be created on this PC.</source>
        <translation>The key pair could not be created on this PC.</translation>
    </message>
    <message>
        <source>The bank is issuing the certificate…</source>
        <translation>The bank is issuing the certificate…</translation>
    </message>
    <message>
        <source>The certificate on this PC cannot be used to log in.</source>
        <translation>The certificate on this PC cannot be used to log in.</translation>
    </message>
    <message>
        <source>Putting the certificate aside safely until it is installed…</source>
        <translation>Putting the certificate aside safely until it is installed…</translation>
    </message>
    <message>
        <source>The issued certificate does not match the key made on this PC. Please contact the bank.</source>
        <translation>The issued certificate does not match the key made on this PC. Please contact the bank.</translation>
    </message>
    <message>
        <source>The certificate could not be kept safely on this PC (keychain unavailable). Please try again.</source>
        <translation>The certificate could not be kept safely on this PC (keychain unavailable). Please try again.</translation>
    </message>
    <message>
        <source>Issued.</source>
        <translation>Issued.</translation>
    </message>
    <message>
        <source>The certificate waiting for import could not be read. Please contact the bank.</source>
        <translation>The certificate waiting for import could not be read. Please contact the bank.</translation>
    </message>
    <message>
        <source>Windows did not allow the certificate to be stored. Please contact your administrator.</source>
        <translation>Windows did not allow the certificate to be stored. Please contact your administrator.</translation>
    </message>
    <message>
        <source>The certificate store is full. Please contact your administrator.</source>
        <translation>The certificate store is full. Please contact your administrator.</translation>
    </message>
    <message>
        <source>The certificate store cannot be used right now. Please try again.</source>
        <translation>The certificate store cannot be used right now. Please try again.</translation>
    </message>
    <message>
        <source>The certificate could not be imported. Please contact the bank.</source>
        <translation>The certificate could not be imported. Please contact the bank.</translation>
    </message>
    <message>
        <source>The certificate interrupted last time was imported correctly.</source>
        <translation>The certificate interrupted last time was imported correctly.</translation>
    </message>
    <message>
        <source>Finishing the import of a certificate that was interrupted last time…</source>
        <translation>Finishing the import of a certificate that was interrupted last time…</translation>
    </message>
    <message>
        <source>A certificate interrupted last time could not be read. Please issue it again.</source>
        <translation>A certificate interrupted last time could not be read. Please issue it again.</translation>
    </message>
    <message>
        <source>A certificate interrupted last time could not be imported. Please issue it again.</source>
        <translation>A certificate interrupted last time could not be imported. Please issue it again.</translation>
    </message>
</context>
<context>
    <name>enroll::client::IssuePage</name>
    <message>
        <source>Issue the electronic certificate</source>
        <translation>Issue the electronic certificate</translation>
    </message>
    <message>
        <source>Press [Issue].</source>
        <translation>Press [Issue].</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>The secret key of your certificate is made on this PC and never leaves it.</source>
        <translation>The secret key of your certificate is made on this PC and never leaves it.</translation>
    </message>
    <message>
        <source>The electronic certificate is imported to this PC. You can log in to the system only from the PC where the certificate was imported.</source>
        <translation>The electronic certificate is imported to this PC. You can log in to the system only from the PC where the certificate was imported.</translation>
    </message>
    <message>
        <source>The certificate is imported for each Windows logon account: issue it with the logon account you use the system with.</source>
        <translation>The certificate is imported for each Windows logon account: issue it with the logon account you use the system with.</translation>
    </message>
    <message>
        <source>Only one electronic certificate can be issued per user.</source>
        <translation>Only one electronic certificate can be issued per user.</translation>
    </message>
    <message>
        <source>Stops the electronic certificate issuance and shows the start screen.</source>
        <translation>Stops the electronic certificate issuance and shows the start screen.</translation>
    </message>
    <message>
        <source>Runs the electronic certificate issuance.</source>
        <translation>Runs the electronic certificate issuance.</translation>
    </message>
</context>
<context>
    <name>enroll::client::IssueResultPage</name>
    <message>
        <source>Issuance result</source>
        <translation>Issuance result</translation>
    </message>
    <message>
        <source>The electronic certificate was issued. Press [Import] to install it on this PC.</source>
        <translation>The electronic certificate was issued. Press [Import] to install it on this PC.</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <source>Contract number</source>
        <translation>Contract number</translation>
    </message>
    <message>
        <source>Validity period</source>
        <translation>Validity period</translation>
    </message>
    <message>
        <source>Imports the electronic certificate into the certificate store of this Windows account.</source>
        <translation>Imports the electronic certificate into the certificate store of this Windows account.</translation>
    </message>
    <message>
        <source>Do not close this window until the import is complete. If it is closed, this program continues the import at its next start: unlike the manual&apos;s procedure, no revocation request to the bank is needed.</source>
        <translation>Do not close this window until the import is complete. If it is closed, this program continues the import at its next start: unlike the manual&apos;s procedure, no revocation request to the bank is needed.</translation>
    </message>
</context>
<context>
    <name>enroll::client::IssuingPage</name>
    <message>
        <source>Issuing the electronic certificate</source>
        <translation>Issuing the electronic certificate</translation>
    </message>
    <message>
        <source>Issuance progress</source>
        <translation>Issuance progress</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>Back to the start</translation>
    </message>
    <message>
        <source>The electronic certificate is being issued. Please wait.</source>
        <translation>The electronic certificate is being issued. Please wait.</translation>
    </message>
    <message>
        <source>Issuing the electronic certificate can take some tens of seconds.</source>
        <translation>Issuing the electronic certificate can take some tens of seconds.</translation>
    </message>
    <message>
        <source>Stops the electronic certificate issuance and shows the start screen.</source>
        <translation>Stops the electronic certificate issuance and shows the start screen.</translation>
    </message>
</context>
<context>
    <name>enroll::client::MainWindow</name>
    <message>
        <source>Rokin Enroll</source>
        <translation>Rokin Enroll</translation>
    </message>
    <message>
        <source>Initial registration login</source>
        <translation>Initial registration login</translation>
    </message>
    <message>
        <source>Enter registration details</source>
        <translation>Enter registration details</translation>
    </message>
    <message>
        <source>Registration result</source>
        <translation>Registration result</translation>
    </message>
    <message>
        <source>User authentication</source>
        <translation>User authentication</translation>
    </message>
    <message>
        <source>Enter code</source>
        <translation>Enter code</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Issuing</source>
        <translation>Issuing</translation>
    </message>
    <message>
        <source>Issuance result</source>
        <translation>Issuance result</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Initial registration of the master user</source>
        <translation>Initial registration of the master user</translation>
    </message>
    <message>
        <source>Electronic certificate issuance</source>
        <translation>Electronic certificate issuance</translation>
    </message>
    <message>
        <source>Connection check</source>
        <translation>Connection check</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>Every check passed.</translation>
    </message>
    <message>
        <source>Some checks failed. Please tell the bank&apos;s help desk these lines.</source>
        <translation>Some checks failed. Please tell the bank&apos;s help desk these lines.</translation>
    </message>
    <message>
        <source>Run the registration</source>
        <translation>Run the registration</translation>
    </message>
    <message>
        <source>%1, step %2: %3</source>
        <translation>%1, step %2: %3</translation>
    </message>
</context>
<context>
    <name>enroll::client::PageBase</name>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Software keyboard</source>
        <translation>Software keyboard</translation>
    </message>
    <message>
        <source>Software keyboard for %1</source>
        <translation>Software keyboard for %1</translation>
    </message>
    <message>
        <source>&lt;required&gt;</source>
        <translation>&lt;required&gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>The electronic certificate is valid for 366 days including the day of issue. Renewal is possible from 30 days before it expires.</source>
        <translation>The electronic certificate is valid for 366 days including the day of issue. Renewal is possible from 30 days before it expires.</translation>
    </message>
    <message>
        <source>※ %1</source>
        <translation>* %1</translation>
    </message>
    <message>
        <source>▼ More follows below: please scroll down.</source>
        <translation>▼ More follows below: please scroll down.</translation>
    </message>
    <message>
        <source>Shows the software keyboard for passwords: you enter the password by pressing the keys on the screen with the mouse. It protects against spyware that steals what is typed on the PC&apos;s keyboard, so the bank recommends it for security.</source>
        <translation>Shows the software keyboard for passwords: you enter the password by pressing the keys on the screen with the mouse. It protects against spyware that steals what is typed on the PC&apos;s keyboard, so the bank recommends it for security.</translation>
    </message>
</context>
<context>
    <name>enroll::client::PasswordChangePage</name>
    <message>
        <source>Change your password</source>
        <translation>Change your password</translation>
    </message>
    <message>
        <source>This is your first use: replace the initial password your master user gave you.</source>
        <translation>This is your first use: replace the initial password your master user gave you.</translation>
    </message>
    <message>
        <source>Choose a password that only you know. You will use it to issue and renew your certificate.</source>
        <translation>Choose a password that only you know. You will use it to issue and renew your certificate.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Stops the password change and shows the start screen.</source>
        <translation>Stops the password change and shows the start screen.</translation>
    </message>
    <message>
        <source>Changes the password.</source>
        <translation>Changes the password.</translation>
    </message>
</context>
<context>
    <name>enroll::client::ProxyLoginDialog</name>
    <message>
        <source>Proxy server login</source>
        <translation>Proxy server login</translation>
    </message>
    <message>
        <source>The proxy server %1 of this office&apos;s network asks for a user name and password.</source>
        <translation>The proxy server %1 of this office&apos;s network asks for a user name and password.</translation>
    </message>
    <message>
        <source>The proxy server calls itself: %1</source>
        <translation>The proxy server calls itself: %1</translation>
    </message>
    <message>
        <source>The proxy server did not accept the user name or password entered. Please check them.</source>
        <translation>The proxy server did not accept the user name or password entered. Please check them.</translation>
    </message>
    <message>
        <source>Proxy user name</source>
        <translation>Proxy user name</translation>
    </message>
    <message>
        <source>Proxy password</source>
        <translation>Proxy password</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Remember on this PC for this Windows user</source>
        <translation>Remember on this PC for this Windows user</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>These are the proxy server&apos;s user name and password, given by your IT administrator, not your login ID and password for the bank.</source>
        <translation>These are the proxy server&apos;s user name and password, given by your IT administrator, not your login ID and password for the bank.</translation>
    </message>
</context>
<context>
    <name>enroll::client::RegistrationPage</name>
    <message>
        <source>Enter registration details</source>
        <translation>Enter registration details</translation>
    </message>
    <message>
        <source>Enter each item, check it, then press [Register].</source>
        <translation>Enter each item, check it, then press [Register].</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Employer: %1</source>
        <translation>Employer: %1</translation>
    </message>
    <message>
        <source>Enter the registration details in each item. Please check the explanation under each item.</source>
        <translation>Enter the registration details in each item. Please check the explanation under each item.</translation>
    </message>
    <message>
        <source>The master user uses the user ID to issue (and reissue) the electronic certificate.</source>
        <translation>The master user uses the user ID to issue (and reissue) the electronic certificate.</translation>
    </message>
    <message>
        <source>The master user uses the password to issue the electronic certificate and to log in.</source>
        <translation>The master user uses the password to issue the electronic certificate and to log in.</translation>
    </message>
    <message>
        <source>A user ID that already exists cannot be registered: please register with another ID.</source>
        <translation>A user ID that already exists cannot be registered: please register with another ID.</translation>
    </message>
    <message>
        <source>Take care not to forget the user ID and password, and keep them strictly so that no third party learns them.</source>
        <translation>Take care not to forget the user ID and password, and keep them strictly so that no third party learns them.</translation>
    </message>
    <message>
        <source>Notices are e-mailed to the registered address: the registration, authentication codes, locks, the issued certificate and its coming expiry.</source>
        <translation>Notices are e-mailed to the registered address: the registration, authentication codes, locks, the issued certificate and its coming expiry.</translation>
    </message>
    <message>
        <source>Stops the initial registration and shows the start screen.</source>
        <translation>Stops the initial registration and shows the start screen.</translation>
    </message>
    <message>
        <source>Runs the registration. What is missing or wrong is shown under its item.</source>
        <translation>Runs the registration. What is missing or wrong is shown under its item.</translation>
    </message>
</context>
<context>
    <name>enroll::client::RegistrationResultPage</name>
    <message>
        <source>Registration result</source>
        <translation>Registration result</translation>
    </message>
    <message>
        <source>The registration of the master user is complete.</source>
        <translation>The registration of the master user is complete.</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <source>Continue with the issuance of the electronic certificate: press [Issue electronic certificate]. To issue it later, press [To the login screen] and start the issuance from there.</source>
        <translation>Continue with the issuance of the electronic certificate: press [Issue electronic certificate]. To issue it later, press [To the login screen] and start the issuance from there.</translation>
    </message>
    <message>
        <source>To the login screen</source>
        <translation>To the login screen</translation>
    </message>
    <message>
        <source>Issue electronic certificate</source>
        <translation>Issue electronic certificate</translation>
    </message>
    <message>
        <source>If something was entered wrongly, it can be changed on the user information page after logging in. (The user ID cannot be changed. To change it, please contact the bank (Rokin).)</source>
        <translation>If something was entered wrongly, it can be changed on the user information page after logging in. (The user ID cannot be changed. To change it, please contact the bank (Rokin).)</translation>
    </message>
    <message>
        <source>Shows the start screen.</source>
        <translation>Shows the start screen.</translation>
    </message>
    <message>
        <source>Shows the user authentication screen for issuing an electronic certificate.</source>
        <translation>Shows the user authentication screen for issuing an electronic certificate.</translation>
    </message>
</context>
<context>
    <name>enroll::client::SilentRenewal</name>
    <message>
        <source>The electronic certificate of %1 is no longer on this PC. Please issue it again with [Issue electronic certificate].</source>
        <translation>The electronic certificate of %1 is no longer on this PC. Please issue it again with [Issue electronic certificate].</translation>
    </message>
    <message>
        <source>The electronic certificate of %1 expired on %2. Please issue a new one with [Issue electronic certificate].</source>
        <translation>The electronic certificate of %1 expired on %2. Please issue a new one with [Issue electronic certificate].</translation>
    </message>
    <message>
        <source>The electronic certificate of %1 expires on %2. Please renew it: [Log in], then [Renew certificate].</source>
        <translation>The electronic certificate of %1 expires on %2. Please renew it: [Log in], then [Renew certificate].</translation>
    </message>
    <message>
        <source>The certificate could not be renewed automatically. %1</source>
        <translation>The certificate could not be renewed automatically. %1</translation>
    </message>
</context>
<context>
    <name>enroll::client::SoftKeyboard</name>
    <message>
        <source>Software keyboard for passwords</source>
        <translation>Software keyboard for passwords</translation>
    </message>
    <message>
        <source>Characters entered</source>
        <translation>Characters entered</translation>
    </message>
    <message>
        <source>Shift (A/a)</source>
        <translation>Shift (A/a)</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Backspace</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Adds this character to the password</source>
        <translation>Adds this character to the password</translation>
    </message>
    <message>
        <source>Switches the letter keys between upper and lower case</source>
        <translation>Switches the letter keys between upper and lower case</translation>
    </message>
    <message>
        <source>Removes the last character entered</source>
        <translation>Removes the last character entered</translation>
    </message>
    <message>
        <source>Removes every character entered</source>
        <translation>Removes every character entered</translation>
    </message>
    <message>
        <source>Puts the characters entered into the password field</source>
        <translation>Puts the characters entered into the password field</translation>
    </message>
    <message>
        <source>Closes the keyboard without changing the password field</source>
        <translation>Closes the keyboard without changing the password field</translation>
    </message>
    <message>
        <source>Digit %1</source>
        <translation>Digit %1</translation>
    </message>
    <message>
        <source>Capital %1</source>
        <translation>Capital %1</translation>
    </message>
    <message>
        <source>Small %1</source>
        <translation>Small %1</translation>
    </message>
    <message>
        <source>Exclamation mark</source>
        <translation>Exclamation mark</translation>
    </message>
    <message>
        <source>Double quotation mark</source>
        <translation>Double quotation mark</translation>
    </message>
    <message>
        <source>Number sign</source>
        <translation>Number sign</translation>
    </message>
    <message>
        <source>Dollar sign</source>
        <translation>Dollar sign</translation>
    </message>
    <message>
        <source>Percent sign</source>
        <translation>Percent sign</translation>
    </message>
    <message>
        <source>Ampersand</source>
        <translation>Ampersand</translation>
    </message>
    <message>
        <source>Apostrophe</source>
        <translation>Apostrophe</translation>
    </message>
    <message>
        <source>Left parenthesis</source>
        <translation>Left parenthesis</translation>
    </message>
    <message>
        <source>Right parenthesis</source>
        <translation>Right parenthesis</translation>
    </message>
    <message>
        <source>Asterisk</source>
        <translation>Asterisk</translation>
    </message>
    <message>
        <source>Plus sign</source>
        <translation>Plus sign</translation>
    </message>
    <message>
        <source>Comma</source>
        <translation>Comma</translation>
    </message>
    <message>
        <source>Hyphen</source>
        <translation>Hyphen</translation>
    </message>
    <message>
        <source>Full stop</source>
        <translation>Full stop</translation>
    </message>
    <message>
        <source>Slash</source>
        <translation>Slash</translation>
    </message>
    <message>
        <source>Colon</source>
        <translation>Colon</translation>
    </message>
    <message>
        <source>Semicolon</source>
        <translation>Semicolon</translation>
    </message>
    <message>
        <source>Less-than sign</source>
        <translation>Less-than sign</translation>
    </message>
    <message>
        <source>Equals sign</source>
        <translation>Equals sign</translation>
    </message>
    <message>
        <source>Greater-than sign</source>
        <translation>Greater-than sign</translation>
    </message>
    <message>
        <source>Question mark</source>
        <translation>Question mark</translation>
    </message>
    <message>
        <source>At sign</source>
        <translation>At sign</translation>
    </message>
    <message>
        <source>Left square bracket</source>
        <translation>Left square bracket</translation>
    </message>
    <message>
        <source>Backslash</source>
        <translation>Backslash</translation>
    </message>
    <message>
        <source>Right square bracket</source>
        <translation>Right square bracket</translation>
    </message>
    <message>
        <source>Caret</source>
        <translation>Caret</translation>
    </message>
    <message>
        <source>Underscore</source>
        <translation>Underscore</translation>
    </message>
    <message>
        <source>Grave accent</source>
        <translation>Grave accent</translation>
    </message>
    <message>
        <source>Left curly bracket</source>
        <translation>Left curly bracket</translation>
    </message>
    <message>
        <source>Vertical bar</source>
        <translation>Vertical bar</translation>
    </message>
    <message>
        <source>Right curly bracket</source>
        <translation>Right curly bracket</translation>
    </message>
    <message>
        <source>Tilde</source>
        <translation>Tilde</translation>
    </message>
    <message>
        <source>Click the keys with the mouse to enter the password. Keys typed on the PC keyboard are not used here: this protects the password against spyware that steals what is typed on the keyboard.</source>
        <translation>Click the keys with the mouse to enter the password. Keys typed on the PC keyboard are not used here: this protects the password against spyware that steals what is typed on the keyboard.</translation>
    </message>
</context>
<context>
    <name>enroll::client::StartPage</name>
    <message>
        <source>Rokin Wage Deduction Administration Support System</source>
        <translation>Rokin Wage Deduction Administration Support System</translation>
    </message>
    <message>
        <source>Choose what you want to do.</source>
        <translation>Choose what you want to do.</translation>
    </message>
    <message>
        <source>Certificate of this Windows account</source>
        <translation>Certificate of this Windows account</translation>
    </message>
    <message>
        <source>Initial registration of the master user</source>
        <translation>Initial registration of the master user</translation>
    </message>
    <message>
        <source>Initial registration of a general user</source>
        <translation>Initial registration of a general user</translation>
    </message>
    <message>
        <source>Issue electronic certificate</source>
        <translation>Issue electronic certificate</translation>
    </message>
    <message>
        <source>This Windows account holds no electronic certificate from the bank yet.</source>
        <translation>This Windows account holds no electronic certificate from the bank yet.</translation>
    </message>
    <message>
        <source>Electronic certificate of %1, valid until %2.</source>
        <translation>Electronic certificate of %1, valid until %2.</translation>
    </message>
    <message>
        <source>The electronic certificate of %1 expired on %2. Please issue a new one.</source>
        <translation>The electronic certificate of %1 expired on %2. Please issue a new one.</translation>
    </message>
    <message>
        <source>Renewal is open: use [Issue electronic certificate].</source>
        <translation>Renewal is open: use [Issue electronic certificate].</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Shows the user authentication screen for issuing an electronic certificate.</source>
        <translation>Shows the user authentication screen for issuing an electronic certificate.</translation>
    </message>
    <message>
        <source>Logs in with the electronic certificate of this Windows account and shows your user information.</source>
        <translation>Logs in with the electronic certificate of this Windows account and shows your user information.</translation>
    </message>
    <message>
        <source>Shows the initial registration login screen of the master user.</source>
        <translation>Shows the initial registration login screen of the master user.</translation>
    </message>
    <message>
        <source>This PC renews the certificate by itself at your next Windows logon.</source>
        <translation>This PC renews the certificate by itself at your next Windows logon.</translation>
    </message>
    <message>
        <source>This PC renews the certificate by itself at your first Windows logon from %1.</source>
        <translation>This PC renews the certificate by itself at your first Windows logon from %1.</translation>
    </message>
    <message>
        <source>Connection check</source>
        <translation>Connection check</translation>
    </message>
    <message>
        <source>Checks the connection to the bank, this PC&apos;s certificate and its automatic renewal, for the bank&apos;s help desk.</source>
        <translation>Checks the connection to the bank, this PC&apos;s certificate and its automatic renewal, for the bank&apos;s help desk.</translation>
    </message>
    <message>
        <source>Before the initial setup, please have ready: ① the &quot;Notice of start of use (change)&quot; from the bank, ② the initial password the contractor applied for at the bank when signing the contract, ③ an e-mail address, ④ the user ID and password you will use.</source>
        <translation>Before the initial setup, please have ready: ① the &quot;Notice of start of use (change)&quot; from the bank, ② the initial password the contractor applied for at the bank when signing the contract, ③ an e-mail address, ④ the user ID and password you will use.</translation>
    </message>
    <message>
        <source>User ID: %1</source>
        <translation>User ID: %1</translation>
    </message>
    <message>
        <source>Password: %1</source>
        <translation>Password: %1</translation>
    </message>
    <message>
        <source>Only one master user can be registered per employer.</source>
        <translation>Only one master user can be registered per employer.</translation>
    </message>
</context>
<context>
    <name>enroll::client::UserAuthenticationPage</name>
    <message>
        <source>Electronic certificate issuance: user authentication</source>
        <translation>Electronic certificate issuance: user authentication</translation>
    </message>
    <message>
        <source>Enter your user ID and password, then press [Authenticate].</source>
        <translation>Enter your user ID and password, then press [Authenticate].</translation>
    </message>
    <message>
        <source>Authenticate</source>
        <translation>Authenticate</translation>
    </message>
    <message>
        <source>[Authenticate] checks the user ID and password and sends an authentication code to your registered e-mail address.</source>
        <translation>[Authenticate] checks the user ID and password and sends an authentication code to your registered e-mail address.</translation>
    </message>
    <message>
        <source>Enter the user ID and password registered in the initial registration of the master user. A general user enters the user ID and initial password the master user gave.</source>
        <translation>Enter the user ID and password registered in the initial registration of the master user. A general user enters the user ID and initial password the master user gave.</translation>
    </message>
    <message>
        <source>After 6 wrong passwords in a row, login is not possible for 60 minutes (lock). The lock is lifted after 60 minutes and you can log in again, but after the 3rd lock login is not possible any more (block) and the user ID entered can no longer be authenticated.</source>
        <translation>After 6 wrong passwords in a row, login is not possible for 60 minutes (lock). The lock is lifted after 60 minutes and you can log in again, but after the 3rd lock login is not possible any more (block) and the user ID entered can no longer be authenticated.</translation>
    </message>
    <message>
        <source>If an electronic certificate has already been issued to you, authentication is not possible; it becomes possible from 30 days before the certificate expires.</source>
        <translation>If an electronic certificate has already been issued to you, authentication is not possible; it becomes possible from 30 days before the certificate expires.</translation>
    </message>
    <message>
        <source>When a lock or block happens, a notice is sent by e-mail to your registered address.</source>
        <translation>When a lock or block happens, a notice is sent by e-mail to your registered address.</translation>
    </message>
    <message>
        <source>If the master user is blocked, please contact the bank (Rokin).</source>
        <translation>If the master user is blocked, please contact the bank (Rokin).</translation>
    </message>
    <message>
        <source>Stops the user authentication and shows the start screen.</source>
        <translation>Stops the user authentication and shows the start screen.</translation>
    </message>
    <message>
        <source>Runs the user authentication and sends an authentication code to your e-mail address.</source>
        <translation>Runs the user authentication and sends an authentication code to your e-mail address.</translation>
    </message>
</context>
<context>
    <name>enroll::client::UsersController</name>
    <message>
        <source>%1 was registered. Tell the user the initial password; it must be changed at the first use.</source>
        <translation>%1 was registered. Tell the user the initial password; it must be changed at the first use.</translation>
    </message>
    <message>
        <source>%1 was disabled; its certificate is revoked.</source>
        <translation>%1 was disabled; its certificate is revoked.</translation>
    </message>
</context>
<context>
    <name>enroll::client::UsersPage</name>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>The users of your contract. Register a general user, or stop a user&apos;s use.</source>
        <translation>The users of your contract. Register a general user, or stop a user&apos;s use.</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Register a general user: the user changes the initial password at its first use and then issues its own certificate on its own PC.</source>
        <translation>Register a general user: the user changes the initial password at its first use and then issues its own certificate on its own PC.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Stop use</source>
        <translation>Stop use</translation>
    </message>
    <message>
        <source>Stop the use of %1? Its electronic certificate is revoked at once and cannot be used again.</source>
        <translation>Stop the use of %1? Its electronic certificate is revoked at once and cannot be used again.</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>Master user</source>
        <translation>Master user</translation>
    </message>
    <message>
        <source>General user</source>
        <translation>General user</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Shows your user information again.</source>
        <translation>Shows your user information again.</translation>
    </message>
    <message>
        <source>Stops the use of the user selected in the list.</source>
        <translation>Stops the use of the user selected in the list.</translation>
    </message>
    <message>
        <source>Registers a general user.</source>
        <translation>Registers a general user.</translation>
    </message>
    <message>
        <source>Certificate valid until (Japan time)</source>
        <translation>Certificate valid until (Japan time)</translation>
    </message>
</context>
</TS>
