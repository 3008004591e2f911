<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ErrorText</name>
    <message>
        <source>The bank&apos;s server cannot be reached. Please check the network connection and try again.</source>
        <translation>労金のサーバーに接続できません。ネットワークの接続をご確認のうえ、再度お試しください。</translation>
    </message>
    <message>
        <source>The bank&apos;s server did not answer in time. Please try again later.</source>
        <translation>労金のサーバーから応答がありません。しばらく待ってから再度お試しください。</translation>
    </message>
    <message>
        <source>The bank&apos;s server gave an answer this program does not understand. Please try again later.</source>
        <translation>労金のサーバーから想定外の応答がありました。しばらく待ってから再度お試しください。</translation>
    </message>
    <message>
        <source>Login is possible again from %1.</source>
        <translation>%1 以降に再度ログイン操作が可能になります。</translation>
    </message>
    <message>
        <source>Attempts left: %1</source>
        <translation>残り入力回数: %1回</translation>
    </message>
    <message>
        <source>Please wait %1 seconds.</source>
        <translation>%1秒ほど待ってから再度お試しください。</translation>
    </message>
    <message>
        <source>Renewal is possible from %1.</source>
        <translation>%1 より更新できます。</translation>
    </message>
    <message>
        <source>The server could not be confirmed as the bank&apos;s server, so the connection was stopped and nothing was sent. A device on this network (a proxy or security appliance) may be inspecting encrypted connections. Please ask your IT administrator to exclude %1 from HTTPS inspection, or contact the bank.</source>
        <translation>接続先が労金のサーバーであることを確認できなかったため、何も送信せずに接続を中止しました。社内のネットワーク機器（プロキシやセキュリティ装置）が暗号化された通信を検査している可能性があります。IT管理者に、%1 をHTTPS検査の対象から除外するよう依頼してください。ご不明な点は労金へお問い合わせください。</translation>
    </message>
    <message>
        <source>the bank&apos;s server</source>
        <translation>労金のサーバー</translation>
    </message>
    <message>
        <source>The bank&apos;s server could not be reached through the proxy server %1. Please try again later; if this continues, please ask your IT administrator whether the proxy can reach %2.</source>
        <translation>プロキシサーバー %1 を経由して労金のサーバーに接続できませんでした。しばらくしてから再度お試しください。続く場合は、プロキシサーバーから %2 に接続できるか、IT管理者にご確認ください。</translation>
    </message>
    <message>
        <source>The proxy server %1 set on this PC cannot be reached, so nothing was sent to the bank. Please ask your IT administrator to check the proxy server and this PC&apos;s proxy settings.</source>
        <translation>このパソコンに設定されたプロキシサーバー %1 に接続できないため、労金には何も送信していません。プロキシサーバーとこのパソコンのプロキシ設定の確認を、IT管理者にご依頼ください。</translation>
    </message>
    <message>
        <source>The proxy server %1 (%2) asks for a user name and password, and none was accepted, so nothing was sent to the bank. Please enter the proxy&apos;s user name and password, or ask your IT administrator.</source>
        <translation>プロキシサーバー %1（%2）がユーザー名とパスワードを求めていますが、受け付けられなかったため、労金には何も送信していません。プロキシサーバーのユーザー名とパスワードを入力するか、IT管理者にお問い合わせください。</translation>
    </message>
    <message>
        <source>no name given</source>
        <translation>名称なし</translation>
    </message>
    <message>
        <source>The proxy server %1 refused to connect to the bank&apos;s server, so nothing was sent. Please ask your IT administrator to allow connections to %2 through the proxy.</source>
        <translation>プロキシサーバー %1 が労金のサーバーへの接続を拒否したため、何も送信していません。プロキシサーバーで %2 への接続を許可するよう、IT管理者にご依頼ください。</translation>
    </message>
    <message>
        <source>The bank&apos;s server did not answer in time through the proxy server %1. Please try again later.</source>
        <translation>プロキシサーバー %1 を経由した労金のサーバーからの応答が、時間内にありませんでした。しばらくしてから再度お試しください。</translation>
    </message>
</context>
<context>
    <name>JapanTime</name>
    <message>
        <source>%1 (Japan time)</source>
        <translation>%1 (日本時間)</translation>
    </message>
    <message>
        <source>%1 to %2 (Japan time)</source>
        <translation>%1～%2 (日本時間)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Rokin Enroll</source>
        <translation>ろうきん電子証明書発行</translation>
    </message>
    <message>
        <source>The bank&apos;s CA bundle is not set up on this PC. Please contact the bank.</source>
        <translation>このパソコンには労金の認証局証明書が設定されていません。労金にお問い合わせください。</translation>
    </message>
    <message>
        <source>The bank&apos;s CA bundle could not be read: %1</source>
        <translation>労金の認証局証明書を読み込めません: %1</translation>
    </message>
</context>
<context>
    <name>enroll::client::AccountController</name>
    <message>
        <source>This Windows account holds no electronic certificate from the bank. Please issue one first.</source>
        <translation>このWindowsアカウントには労金の電子証明書がありません。先に電子証明書を発行してください。</translation>
    </message>
    <message>
        <source>The certificate on this PC cannot be used to log in.</source>
        <translation>このパソコンの電子証明書でログインできません。</translation>
    </message>
    <message>
        <source>Your user information was changed.</source>
        <translation>契約ユーザー情報を変更しました。</translation>
    </message>
</context>
<context>
    <name>enroll::client::AccountPage</name>
    <message>
        <source>User information</source>
        <translation>契約ユーザー情報</translation>
    </message>
    <message>
        <source>Logged in with the electronic certificate of this PC.</source>
        <translation>このパソコンの電子証明書でログインしています。</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>ユーザーID</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>権限</translation>
    </message>
    <message>
        <source>Contract number</source>
        <translation>契約番号</translation>
    </message>
    <message>
        <source>Electronic certificate</source>
        <translation>電子証明書</translation>
    </message>
    <message>
        <source>To change the user name or e-mail address, edit them and enter your password. The user ID cannot be changed (please contact the bank).</source>
        <translation>ユーザー名・メールアドレスを変更する場合は、内容を修正しパスワードを入力してください。(ユーザーIDの変更はできません。ユーザーIDを変更したい場合は、労金にお問い合わせください。)</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>ログアウト</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>ユーザー管理</translation>
    </message>
    <message>
        <source>Renew certificate</source>
        <translation>電子証明書更新</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Master user</source>
        <translation>マスターユーザー</translation>
    </message>
    <message>
        <source>General user</source>
        <translation>一般ユーザー</translation>
    </message>
    <message>
        <source>Serial %1, valid until %2</source>
        <translation>シリアル番号 %1、有効期限 %2</translation>
    </message>
    <message>
        <source>Renewal is open.</source>
        <translation>更新が可能です。</translation>
    </message>
    <message>
        <source>Renewal opens on %1.</source>
        <translation>%1 より更新できます。</translation>
    </message>
    <message>
        <source>Only to change the user name or e-mail address: your current password, to confirm the change.</source>
        <translation>ユーザー名・メールアドレスを変更するときのみ、確認のため現在のパスワードを入力します。</translation>
    </message>
    <message>
        <source>Signs out and shows the start screen.</source>
        <translation>ログアウトし、「ろうきん賃金控除事務支援システムログイン画面」を表示します。</translation>
    </message>
    <message>
        <source>Shows the users of this contract.</source>
        <translation>この契約のユーザー一覧(「ユーザー管理」画面)を表示します。</translation>
    </message>
    <message>
        <source>Issues a new electronic certificate in place of the current one.</source>
        <translation>現在の電子証明書に代わる新しい電子証明書を発行します。</translation>
    </message>
    <message>
        <source>Changes your user name or e-mail address.</source>
        <translation>ユーザー名・メールアドレスを変更します。</translation>
    </message>
</context>
<context>
    <name>enroll::client::CodeEntryPage</name>
    <message>
        <source>Enter the authentication code</source>
        <translation>認証コード入力</translation>
    </message>
    <message>
        <source>Enter the code from the e-mail, then press [Authenticate].</source>
        <translation>メールで届いた認証コードを入力し、[認証]ボタンを押してください。</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>認証コード再送信</translation>
    </message>
    <message>
        <source>Authenticate</source>
        <translation>認証</translation>
    </message>
    <message>
        <source>An authentication code was sent to %1.</source>
        <translation>%1 に認証コードを送信しました。</translation>
    </message>
    <message>
        <source>Valid until %1</source>
        <translation>有効期限 %1 まで</translation>
    </message>
    <message>
        <source>Enter the authentication code sent to your e-mail address.</source>
        <translation>ユーザーメールアドレスに送信された認証コードを入力します。</translation>
    </message>
    <message>
        <source>If the e-mail with the code does not arrive, please check the registered e-mail address again. [Send a new code] sends another one.</source>
        <translation>認証コードのメールが届かない場合、登録されたメールアドレスを再度ご確認ください。[認証コード再送信]で新しい認証コードを送信できます。</translation>
    </message>
    <message>
        <source>Stops the process and shows the start screen.</source>
        <translation>処理を中断し、「ろうきん賃金控除事務支援システムログイン画面」を表示します。</translation>
    </message>
    <message>
        <source>Sends a new authentication code to your e-mail address.</source>
        <translation>ユーザーメールアドレスに新しい認証コードを送信します。</translation>
    </message>
    <message>
        <source>Runs the two-step authentication.</source>
        <translation>二段階認証を実行します。</translation>
    </message>
    <message>
        <source>Unlike the manual, [Cancel] goes back to the start screen, not to the user authentication screen. To continue later, start again with [Issue electronic certificate].</source>
        <translation>操作マニュアルとは異なり、[キャンセル]ボタンを押すと「ユーザー認証」画面ではなく最初の画面に戻ります。続けるときは、[電子証明書発行]ボタンからやり直してください。</translation>
    </message>
</context>
<context>
    <name>enroll::client::ContractLoginPage</name>
    <message>
        <source>Initial registration login</source>
        <translation>初期登録ログイン</translation>
    </message>
    <message>
        <source>Enter the contract number and the initial password, then press [Next].</source>
        <translation>契約番号と初期パスワードを入力し、[次へ]ボタンを押してください。</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>For the contract number, enter the contract number written in the &quot;Notice of start (change) of use&quot;.</source>
        <translation>契約番号には、「ご利用開始(変更)のお知らせ」に記載された契約番号を入力します。</translation>
    </message>
    <message>
        <source>For the initial password, enter the password the contractor applied for at the bank at contract time.</source>
        <translation>初期パスワードには、契約時にご契約者様が労金に申請したパスワードを入力します。</translation>
    </message>
    <message>
        <source>After 6 wrong passwords in a row, login is not possible for 60 minutes (lock). The lock is lifted after 60 minutes and you can log in again, but after the 3rd lock login is not possible any more (block) and you can no longer log in.</source>
        <translation>パスワードを連続して6回間違えた場合は、60分間ログイン不可(ロック)になります。ロック状態は60分経過後に解除され再度ログイン操作が可能になりますが、ロックを3回繰り返した場合にはログイン不可(閉塞)となり、以降ログインできなくなります。</translation>
    </message>
    <message>
        <source>If you are blocked, please contact the bank (Rokin).</source>
        <translation>閉塞の状態になった場合は、労金へお問い合わせください。</translation>
    </message>
    <message>
        <source>Stops the initial registration login and shows the start screen.</source>
        <translation>初期登録ログインを中断し、「ろうきん賃金控除事務支援システムログイン画面」を表示します。</translation>
    </message>
    <message>
        <source>Runs the initial registration login.</source>
        <translation>初期登録ログイン処理を実行します。</translation>
    </message>
</context>
<context>
    <name>enroll::client::Doctor</name>
    <message>
        <source>Route: direct to the bank (%1)</source>
        <translation>接続経路: 労金のサーバーへ直接（%1）</translation>
    </message>
    <message>
        <source>Route: through the proxy server %1 (%2)</source>
        <translation>接続経路: プロキシサーバー %1 を経由（%2）</translation>
    </message>
    <message>
        <source>The bank&apos;s server answers.</source>
        <translation>労金のサーバーに接続できます。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate chain is the bank&apos;s: the connection is not inspected.</source>
        <translation>サーバー証明書は労金のものです。通信は検査されていません。</translation>
    </message>
    <message>
        <source>The bank&apos;s server is reached.</source>
        <translation>労金のサーバーまで接続できます。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate chain could not be checked: no connection.</source>
        <translation>接続できないため、サーバー証明書を確認できませんでした。</translation>
    </message>
    <message>
        <source>Certificate: this user has no electronic certificate from the bank on this PC.</source>
        <translation>電子証明書: このパソコンのこのユーザーには、労金の電子証明書がありません。</translation>
    </message>
    <message>
        <source>Key: no certificate, so no key.</source>
        <translation>秘密鍵: 電子証明書がないため、秘密鍵もありません。</translation>
    </message>
    <message>
        <source>Revocation (OCSP): no certificate to ask about.</source>
        <translation>失効確認 (OCSP): 確認する電子証明書がありません。</translation>
    </message>
    <message>
        <source>Certificate of %1: issuer %2, serial %3, expired on %4 (Japan time).</source>
        <translation>%1 の電子証明書: 発行者 %2、シリアル番号 %3、有効期限が切れています（%4、日本時間）。</translation>
    </message>
    <message>
        <source>Key: the certificate&apos;s private key is missing on this PC. Please issue the certificate again.</source>
        <translation>秘密鍵: このパソコンに電子証明書の秘密鍵がありません。電子証明書を再度発行してください。</translation>
    </message>
    <message>
        <source>Key: present, but it can be exported. Please contact the bank.</source>
        <translation>秘密鍵: ありますが、エクスポートできる状態です。労金へお問い合わせください。</translation>
    </message>
    <message>
        <source>Key: present, but a test signature with it failed.</source>
        <translation>秘密鍵: ありますが、テスト署名に失敗しました。</translation>
    </message>
    <message>
        <source>Key: present, not exportable, a test signature verifies.</source>
        <translation>秘密鍵: あり、エクスポート不可、テスト署名を確認しました。</translation>
    </message>
    <message>
        <source>Key: present, a test signature verifies.</source>
        <translation>秘密鍵: あり、テスト署名を確認しました。</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the certificate names no OCSP responder of the bank&apos;s CAs.</source>
        <translation>失効確認 (OCSP): 電子証明書に労金の失効確認先が記載されていません。</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the bank&apos;s responder did not answer. %1</source>
        <translation>失効確認 (OCSP): 労金の失効確認サーバーから応答がありません。%1</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the bank says the certificate is good.</source>
        <translation>失効確認 (OCSP): 労金によると、この電子証明書は有効です。</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the bank has revoked this certificate. Please issue a new one.</source>
        <translation>失効確認 (OCSP): この電子証明書は労金により失効されています。新しい電子証明書を発行してください。</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the bank does not know this certificate.</source>
        <translation>失効確認 (OCSP): 労金はこの電子証明書を把握していません。</translation>
    </message>
    <message>
        <source>Revocation (OCSP): the answer was not the bank&apos;s, or not valid.</source>
        <translation>失効確認 (OCSP): 応答が労金のものでないか、有効ではありません。</translation>
    </message>
    <message>
        <source>Automatic renewal: not installed on this PC (AUTO_RENEW=0); renew with the wizard.</source>
        <translation>自動更新: このパソコンには設定されていません（AUTO_RENEW=0）。更新は本ソフトウェアで行ってください。</translation>
    </message>
    <message>
        <source>Automatic renewal: the logon task is registered.</source>
        <translation>自動更新: ログオン時の更新タスクが登録されています。</translation>
    </message>
    <message>
        <source>Automatic renewal: the logon task is missing. Please ask your IT administrator to repair the installation.</source>
        <translation>自動更新: ログオン時の更新タスクがありません。IT管理者にインストールの修復を依頼してください。</translation>
    </message>
    <message>
        <source>Last notice of the logon task: none.</source>
        <translation>前回の自動更新からのお知らせ: なし</translation>
    </message>
    <message>
        <source>Last notice of the logon task: %1</source>
        <translation>前回の自動更新からのお知らせ: %1</translation>
    </message>
    <message>
        <source>Certificate of %1: issuer %2, serial %3, valid until %4 (Japan time), days left: %5.</source>
        <translation>%1 の電子証明書: 発行者 %2、シリアル番号 %3、有効期限 %4（日本時間）、残り %5 日。</translation>
    </message>
</context>
<context>
    <name>enroll::client::ImportPage</name>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>The certificate and its private key are being installed for your Windows account.</source>
        <translation>電子証明書と秘密鍵を、ご利用中のWindowsアカウント(現在のユーザー)にインポートしています。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Imported correctly.</source>
        <translation>正しくインポートされました。</translation>
    </message>
    <message>
        <source>The initial setup is complete. You can now log in to the system from this PC.</source>
        <translation>初期設定は以上で完了です。このパソコンから本システムにログインできます。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>インポートしています…</translation>
    </message>
    <message>
        <source>If two or more people use the service, register the general users next: log in, then open [Users].</source>
        <translation>2名以上でサービスをご利用の場合には、引き続き一般ユーザーの登録を行います。[ログイン]後の[ユーザー管理]から登録してください。</translation>
    </message>
    <message>
        <source>The electronic certificate is valid for 366 days including the day of issue; after that you cannot log in to the system. A notice is e-mailed 30 days before it expires.</source>
        <translation>電子証明書の有効期限は発行日を含めて366日間です。366日を過ぎると本システムへのログインができなくなります。有効期限の30日前にお知らせのメールが送られます。</translation>
    </message>
    <message>
        <source>Runs the import once more.</source>
        <translation>インポートをもう一度実行します。</translation>
    </message>
    <message>
        <source>Closes the electronic certificate issuance result screen.</source>
        <translation>「電子証明書発行結果」画面を閉じます。</translation>
    </message>
    <message>
        <source>[Try again] runs the import once more. [Close] keeps the issued certificate on this PC: the import is finished the next time you start this program.</source>
        <translation>[再試行]ボタンを押すと、もう一度インポートします。[閉じる]ボタンを押しても、発行済みの電子証明書はこのパソコンに保管されたままです。次回このソフトウェアを起動したときにインポートを完了します。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>インポートできませんでした</translation>
    </message>
    <message>
        <source>The electronic certificate was issued and is kept on this PC, but it is not installed for your Windows account yet.</source>
        <translation>電子証明書は発行済みで、このパソコンに保管されていますが、ご利用中のWindowsアカウントにはまだインポートされていません。</translation>
    </message>
    <message>
        <source>Closes the window. The issued certificate stays on this PC and is imported at the next start.</source>
        <translation>画面を閉じます。発行済みの電子証明書はこのパソコンに保管され、次回の起動時にインポートされます。</translation>
    </message>
</context>
<context>
    <name>enroll::client::IssuanceController</name>
    <message>
        <source>Your new password is registered.</source>
        <translation>新しいパスワードを登録しました。</translation>
    </message>
    <message>
        <source>A new authentication code was sent to %1.</source>
        <translation>%1 に新しい認証コードを送信しました。</translation>
    </message>
    <message>
        <source>Preparing the certificate&apos;s secret key on this PC…</source>
        <translation>このパソコンで電子証明書の秘密鍵を準備しています…</translation>
    </message>
    <message>
        <source>The key pair could not be created on this PC.</source>
        <translation>このパソコンで鍵ペアを生成できませんでした。</translation>
    </message>
    <message>
        <source>The bank is issuing the certificate…</source>
        <translation>労金で電子証明書を発行しています…</translation>
    </message>
    <message>
        <source>The certificate on this PC cannot be used to log in.</source>
        <translation>このパソコンの電子証明書でログインできません。</translation>
    </message>
    <message>
        <source>Putting the certificate aside safely until it is installed…</source>
        <translation>インポートが終わるまで、電子証明書を安全に保管しています…</translation>
    </message>
    <message>
        <source>The issued certificate does not match the key made on this PC. Please contact the bank.</source>
        <translation>発行された電子証明書がこのパソコンの鍵と一致しません。労金へお問い合わせください。</translation>
    </message>
    <message>
        <source>The certificate could not be kept safely on this PC (keychain unavailable). Please try again.</source>
        <translation>電子証明書をこのパソコンに安全に保管できませんでした(資格情報ストアを利用できません)。再度お試しください。</translation>
    </message>
    <message>
        <source>Issued.</source>
        <translation>発行しました。</translation>
    </message>
    <message>
        <source>The certificate waiting for import could not be read. Please contact the bank.</source>
        <translation>インポート待ちの電子証明書を読み込めませんでした。労金へお問い合わせください。</translation>
    </message>
    <message>
        <source>Windows did not allow the certificate to be stored. Please contact your administrator.</source>
        <translation>Windowsが電子証明書の保存を許可しませんでした。システム管理者へお問い合わせください。</translation>
    </message>
    <message>
        <source>The certificate store is full. Please contact your administrator.</source>
        <translation>証明書ストアがいっぱいです。システム管理者へお問い合わせください。</translation>
    </message>
    <message>
        <source>The certificate store cannot be used right now. Please try again.</source>
        <translation>現在、証明書ストアを利用できません。再度お試しください。</translation>
    </message>
    <message>
        <source>The certificate could not be imported. Please contact the bank.</source>
        <translation>電子証明書をインポートできませんでした。労金へお問い合わせください。</translation>
    </message>
    <message>
        <source>The certificate interrupted last time was imported correctly.</source>
        <translation>前回中断された電子証明書は正しくインポートされました。</translation>
    </message>
    <message>
        <source>Finishing the import of a certificate that was interrupted last time…</source>
        <translation>前回中断された電子証明書のインポートを完了しています…</translation>
    </message>
    <message>
        <source>A certificate interrupted last time could not be read. Please issue it again.</source>
        <translation>前回中断された電子証明書を読み込めませんでした。お手数ですが、再度発行してください。</translation>
    </message>
    <message>
        <source>A certificate interrupted last time could not be imported. Please issue it again.</source>
        <translation>前回中断された電子証明書をインポートできませんでした。お手数ですが、再度発行してください。</translation>
    </message>
</context>
<context>
    <name>enroll::client::IssuePage</name>
    <message>
        <source>Issue the electronic certificate</source>
        <translation>電子証明書発行</translation>
    </message>
    <message>
        <source>Press [Issue].</source>
        <translation>[発行]ボタンを押してください。</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>発行</translation>
    </message>
    <message>
        <source>The secret key of your certificate is made on this PC and never leaves it.</source>
        <translation>電子証明書の秘密鍵はこのパソコンの中で作られ、外に出ることはありません。</translation>
    </message>
    <message>
        <source>The electronic certificate is imported to this PC. You can log in to the system only from the PC where the certificate was imported.</source>
        <translation>電子証明書は発行作業を行ったこのパソコンにインポートします。電子証明書をインポートしたパソコンからのみ本システムへのログインが可能になります。</translation>
    </message>
    <message>
        <source>The certificate is imported for each Windows logon account: issue it with the logon account you use the system with.</source>
        <translation>電子証明書は Windows のログオンアカウントごとにインポートされます。電子証明書の発行は本システムを利用する際のログオンアカウントで行ってください。</translation>
    </message>
    <message>
        <source>Only one electronic certificate can be issued per user.</source>
        <translation>電子証明書は1ユーザーに対して1枚のみ発行ができます。</translation>
    </message>
    <message>
        <source>Stops the electronic certificate issuance and shows the start screen.</source>
        <translation>電子証明書発行を中断し、「ろうきん賃金控除事務支援システムログイン画面」を表示します。</translation>
    </message>
    <message>
        <source>Runs the electronic certificate issuance.</source>
        <translation>電子証明書発行処理を実行します。</translation>
    </message>
</context>
<context>
    <name>enroll::client::IssueResultPage</name>
    <message>
        <source>Issuance result</source>
        <translation>発行結果</translation>
    </message>
    <message>
        <source>The electronic certificate was issued. Press [Import] to install it on this PC.</source>
        <translation>電子証明書を発行しました。[インポート]ボタンを押して、このパソコンにインポートしてください。</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>シリアル番号</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>ユーザーID</translation>
    </message>
    <message>
        <source>Contract number</source>
        <translation>契約番号</translation>
    </message>
    <message>
        <source>Validity period</source>
        <translation>有効期間</translation>
    </message>
    <message>
        <source>Imports the electronic certificate into the certificate store of this Windows account.</source>
        <translation>電子証明書をこの Windows アカウントの証明書ストアにインポートします。</translation>
    </message>
    <message>
        <source>Do not close this window until the import is complete. If it is closed, this program continues the import at its next start: unlike the manual&apos;s procedure, no revocation request to the bank is needed.</source>
        <translation>インポートが完了するまで、このウィンドウを閉じないでください。閉じた場合は、次にこのプログラムを起動したときにインポートを続けます。操作マニュアルの手順とは異なり、労金への失効依頼は不要です。</translation>
    </message>
</context>
<context>
    <name>enroll::client::IssuingPage</name>
    <message>
        <source>Issuing the electronic certificate</source>
        <translation>電子証明書発行中</translation>
    </message>
    <message>
        <source>Issuance progress</source>
        <translation>発行の進み具合</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>ログイン画面へ</translation>
    </message>
    <message>
        <source>The electronic certificate is being issued. Please wait.</source>
        <translation>電子証明書を発行しています。そのままお待ちください。</translation>
    </message>
    <message>
        <source>Issuing the electronic certificate can take some tens of seconds.</source>
        <translation>電子証明書の発行は、数十秒かかる場合があります。</translation>
    </message>
    <message>
        <source>Stops the electronic certificate issuance and shows the start screen.</source>
        <translation>電子証明書発行を中断し、「ろうきん賃金控除事務支援システムログイン画面」を表示します。</translation>
    </message>
</context>
<context>
    <name>enroll::client::MainWindow</name>
    <message>
        <source>Rokin Enroll</source>
        <translation>ろうきん電子証明書発行</translation>
    </message>
    <message>
        <source>Initial registration login</source>
        <translation>初期登録ログイン</translation>
    </message>
    <message>
        <source>Enter registration details</source>
        <translation>登録内容入力</translation>
    </message>
    <message>
        <source>Registration result</source>
        <translation>登録結果</translation>
    </message>
    <message>
        <source>User authentication</source>
        <translation>ユーザー認証</translation>
    </message>
    <message>
        <source>Enter code</source>
        <translation>認証コード入力</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>発行</translation>
    </message>
    <message>
        <source>Issuing</source>
        <translation>発行中</translation>
    </message>
    <message>
        <source>Issuance result</source>
        <translation>発行結果</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
    <message>
        <source>Initial registration of the master user</source>
        <translation>マスターユーザーの初期登録</translation>
    </message>
    <message>
        <source>Electronic certificate issuance</source>
        <translation>電子証明書発行</translation>
    </message>
    <message>
        <source>Connection check</source>
        <translation>接続診断</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>すべての確認項目に問題はありません。</translation>
    </message>
    <message>
        <source>Some checks failed. Please tell the bank&apos;s help desk these lines.</source>
        <translation>問題のある項目があります。以下の内容を労金のヘルプデスクにお伝えください。</translation>
    </message>
    <message>
        <source>Run the registration</source>
        <translation>登録実行</translation>
    </message>
    <message>
        <source>%1, step %2: %3</source>
        <translation>%1、手順%2：%3</translation>
    </message>
</context>
<context>
    <name>enroll::client::PageBase</name>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>Software keyboard</source>
        <translation>ソフトウェアキーボード</translation>
    </message>
    <message>
        <source>Software keyboard for %1</source>
        <translation>%1用ソフトウェアキーボード</translation>
    </message>
    <message>
        <source>&lt;required&gt;</source>
        <translation>&lt;必須&gt;</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>The electronic certificate is valid for 366 days including the day of issue. Renewal is possible from 30 days before it expires.</source>
        <translation>電子証明書の有効期限は発行日を含めて366日間です。証明書の更新は有効期限が切れる30日前より可能になります。</translation>
    </message>
    <message>
        <source>※ %1</source>
        <translation>※ %1</translation>
    </message>
    <message>
        <source>▼ More follows below: please scroll down.</source>
        <translation>▼ 下に続きがあります。スクロールしてご覧ください。</translation>
    </message>
    <message>
        <source>Shows the software keyboard for passwords: you enter the password by pressing the keys on the screen with the mouse. It protects against spyware that steals what is typed on the PC&apos;s keyboard, so the bank recommends it for security.</source>
        <translation>「パスワード用ソフトウェアキーボード」画面を表示します。画面上のキーボードをマウスで押すことによりパスワードを入力します。パソコンのキーボードで入力した情報を盗み取るスパイウェアに効果があるため、セキュリティの観点からソフトウェアキーボードによるパスワード入力を推奨しています。</translation>
    </message>
</context>
<context>
    <name>enroll::client::PasswordChangePage</name>
    <message>
        <source>Change your password</source>
        <translation>パスワード変更</translation>
    </message>
    <message>
        <source>This is your first use: replace the initial password your master user gave you.</source>
        <translation>初回のご利用のため、マスターユーザーから通知された初期パスワードを変更してください。</translation>
    </message>
    <message>
        <source>Choose a password that only you know. You will use it to issue and renew your certificate.</source>
        <translation>ご本人だけが知るパスワードを登録してください。電子証明書の発行・更新時に使用します。</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <source>Stops the password change and shows the start screen.</source>
        <translation>パスワード変更を中断し、「ろうきん賃金控除事務支援システムログイン画面」を表示します。</translation>
    </message>
    <message>
        <source>Changes the password.</source>
        <translation>パスワードを変更します。</translation>
    </message>
</context>
<context>
    <name>enroll::client::ProxyLoginDialog</name>
    <message>
        <source>Proxy server login</source>
        <translation>プロキシサーバーの認証</translation>
    </message>
    <message>
        <source>The proxy server %1 of this office&apos;s network asks for a user name and password.</source>
        <translation>この事業所のネットワークのプロキシサーバー %1 が、ユーザー名とパスワードを求めています。</translation>
    </message>
    <message>
        <source>The proxy server calls itself: %1</source>
        <translation>プロキシサーバーの名称：%1</translation>
    </message>
    <message>
        <source>The proxy server did not accept the user name or password entered. Please check them.</source>
        <translation>入力されたユーザー名またはパスワードは、プロキシサーバーに受け付けられませんでした。ご確認ください。</translation>
    </message>
    <message>
        <source>Proxy user name</source>
        <translation>プロキシサーバーのユーザー名</translation>
    </message>
    <message>
        <source>Proxy password</source>
        <translation>プロキシサーバーのパスワード</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Remember on this PC for this Windows user</source>
        <translation>このパソコンのこのWindowsユーザーに記憶する</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>These are the proxy server&apos;s user name and password, given by your IT administrator, not your login ID and password for the bank.</source>
        <translation>IT管理者から知らされたプロキシサーバーのユーザー名とパスワードです。労金のログインIDとパスワードではありません。</translation>
    </message>
</context>
<context>
    <name>enroll::client::RegistrationPage</name>
    <message>
        <source>Enter registration details</source>
        <translation>登録内容入力</translation>
    </message>
    <message>
        <source>Enter each item, check it, then press [Register].</source>
        <translation>各項目に登録内容を入力し、内容を確認後、[登録]ボタンを押してください。</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登録</translation>
    </message>
    <message>
        <source>Employer: %1</source>
        <translation>事業主: %1</translation>
    </message>
    <message>
        <source>Enter the registration details in each item. Please check the explanation under each item.</source>
        <translation>各項目に登録内容を入力します。各項目の下の入力項目説明をご確認ください。</translation>
    </message>
    <message>
        <source>The master user uses the user ID to issue (and reissue) the electronic certificate.</source>
        <translation>ユーザーIDは、マスターユーザーが電子証明書発行(再発行)時に使用します。</translation>
    </message>
    <message>
        <source>The master user uses the password to issue the electronic certificate and to log in.</source>
        <translation>パスワードは、マスターユーザーが電子証明書発行およびログイン時に使用します。</translation>
    </message>
    <message>
        <source>A user ID that already exists cannot be registered: please register with another ID.</source>
        <translation>入力したユーザーIDが既に存在している場合は登録できませんので、別のIDで登録してください。</translation>
    </message>
    <message>
        <source>Take care not to forget the user ID and password, and keep them strictly so that no third party learns them.</source>
        <translation>ユーザーID・パスワードはお忘れにならないようご注意ください。また第三者に知られることのないように厳重に管理してください。</translation>
    </message>
    <message>
        <source>Notices are e-mailed to the registered address: the registration, authentication codes, locks, the issued certificate and its coming expiry.</source>
        <translation>ご登録いただいたメールアドレスにお知らせ等のメールが送られます(登録完了、認証コード、ロック・閉塞、電子証明書の発行、有効期限の30日前のお知らせ)。</translation>
    </message>
    <message>
        <source>Stops the initial registration and shows the start screen.</source>
        <translation>初期登録を中断し、「ろうきん賃金控除事務支援システムログイン画面」を表示します。</translation>
    </message>
    <message>
        <source>Runs the registration. What is missing or wrong is shown under its item.</source>
        <translation>登録処理を実行します。未入力や誤りのある項目は、その項目の下に表示します。</translation>
    </message>
</context>
<context>
    <name>enroll::client::RegistrationResultPage</name>
    <message>
        <source>Registration result</source>
        <translation>登録結果</translation>
    </message>
    <message>
        <source>The registration of the master user is complete.</source>
        <translation>マスターユーザーの登録を完了しました。</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>ユーザーID</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Continue with the issuance of the electronic certificate: press [Issue electronic certificate]. To issue it later, press [To the login screen] and start the issuance from there.</source>
        <translation>引き続き電子証明書の発行を行います。[電子証明書発行]ボタンを押してください。電子証明書の発行をあとで行う場合は[ログイン画面へ]ボタンを押し、ログイン画面から電子証明書の発行を行ってください。</translation>
    </message>
    <message>
        <source>To the login screen</source>
        <translation>ログイン画面へ</translation>
    </message>
    <message>
        <source>Issue electronic certificate</source>
        <translation>電子証明書発行</translation>
    </message>
    <message>
        <source>If something was entered wrongly, it can be changed on the user information page after logging in. (The user ID cannot be changed. To change it, please contact the bank (Rokin).)</source>
        <translation>入力内容に間違いがあった場合は、ログイン後の「契約ユーザー情報」画面で変更することができます。(ユーザーIDの変更はできません。ユーザーIDを変更したい場合は、労金にお問い合わせください。)</translation>
    </message>
    <message>
        <source>Shows the start screen.</source>
        <translation>「ろうきん賃金控除事務支援システムログイン画面」を表示します。</translation>
    </message>
    <message>
        <source>Shows the user authentication screen for issuing an electronic certificate.</source>
        <translation>「電子証明書発行 ユーザー認証」画面を表示します。</translation>
    </message>
</context>
<context>
    <name>enroll::client::SilentRenewal</name>
    <message>
        <source>The electronic certificate of %1 is no longer on this PC. Please issue it again with [Issue electronic certificate].</source>
        <translation>%1 の電子証明書がこのパソコンにありません。[電子証明書発行]から電子証明書を発行してください。</translation>
    </message>
    <message>
        <source>The electronic certificate of %1 expired on %2. Please issue a new one with [Issue electronic certificate].</source>
        <translation>%1 の電子証明書は %2 に有効期限が切れたため、自動で更新できませんでした。[電子証明書発行]から電子証明書を発行してください。</translation>
    </message>
    <message>
        <source>The electronic certificate of %1 expires on %2. Please renew it: [Log in], then [Renew certificate].</source>
        <translation>%1 の電子証明書の有効期限は %2 です。[ログイン]後、[電子証明書更新]から更新してください。</translation>
    </message>
    <message>
        <source>The certificate could not be renewed automatically. %1</source>
        <translation>電子証明書を自動で更新できませんでした。%1</translation>
    </message>
</context>
<context>
    <name>enroll::client::SoftKeyboard</name>
    <message>
        <source>Software keyboard for passwords</source>
        <translation>パスワード用ソフトウェアキーボード</translation>
    </message>
    <message>
        <source>Characters entered</source>
        <translation>入力済みの文字</translation>
    </message>
    <message>
        <source>Shift (A/a)</source>
        <translation>Shift(英大/小)</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>1文字削除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Adds this character to the password</source>
        <translation>この文字をパスワードに加えます</translation>
    </message>
    <message>
        <source>Switches the letter keys between upper and lower case</source>
        <translation>英字キーの大文字・小文字を切り替えます</translation>
    </message>
    <message>
        <source>Removes the last character entered</source>
        <translation>最後に入力した1文字を消します</translation>
    </message>
    <message>
        <source>Removes every character entered</source>
        <translation>入力した文字をすべて消します</translation>
    </message>
    <message>
        <source>Puts the characters entered into the password field</source>
        <translation>入力した文字をパスワード欄に入れます</translation>
    </message>
    <message>
        <source>Closes the keyboard without changing the password field</source>
        <translation>パスワード欄を変えずにキーボードを閉じます</translation>
    </message>
    <message>
        <source>Digit %1</source>
        <translation>数字 %1</translation>
    </message>
    <message>
        <source>Capital %1</source>
        <translation>大文字 %1</translation>
    </message>
    <message>
        <source>Small %1</source>
        <translation>小文字 %1</translation>
    </message>
    <message>
        <source>Exclamation mark</source>
        <translation>エクスクラメーション</translation>
    </message>
    <message>
        <source>Double quotation mark</source>
        <translation>ダブルクォーテーション</translation>
    </message>
    <message>
        <source>Number sign</source>
        <translation>シャープ</translation>
    </message>
    <message>
        <source>Dollar sign</source>
        <translation>ドル</translation>
    </message>
    <message>
        <source>Percent sign</source>
        <translation>パーセント</translation>
    </message>
    <message>
        <source>Ampersand</source>
        <translation>アンド</translation>
    </message>
    <message>
        <source>Apostrophe</source>
        <translation>シングルクォーテーション</translation>
    </message>
    <message>
        <source>Left parenthesis</source>
        <translation>左かっこ</translation>
    </message>
    <message>
        <source>Right parenthesis</source>
        <translation>右かっこ</translation>
    </message>
    <message>
        <source>Asterisk</source>
        <translation>アスタリスク</translation>
    </message>
    <message>
        <source>Plus sign</source>
        <translation>プラス</translation>
    </message>
    <message>
        <source>Comma</source>
        <translation>カンマ</translation>
    </message>
    <message>
        <source>Hyphen</source>
        <translation>ハイフン</translation>
    </message>
    <message>
        <source>Full stop</source>
        <translation>ピリオド</translation>
    </message>
    <message>
        <source>Slash</source>
        <translation>スラッシュ</translation>
    </message>
    <message>
        <source>Colon</source>
        <translation>コロン</translation>
    </message>
    <message>
        <source>Semicolon</source>
        <translation>セミコロン</translation>
    </message>
    <message>
        <source>Less-than sign</source>
        <translation>小なり</translation>
    </message>
    <message>
        <source>Equals sign</source>
        <translation>イコール</translation>
    </message>
    <message>
        <source>Greater-than sign</source>
        <translation>大なり</translation>
    </message>
    <message>
        <source>Question mark</source>
        <translation>クエスチョン</translation>
    </message>
    <message>
        <source>At sign</source>
        <translation>アットマーク</translation>
    </message>
    <message>
        <source>Left square bracket</source>
        <translation>左角かっこ</translation>
    </message>
    <message>
        <source>Backslash</source>
        <translation>バックスラッシュ</translation>
    </message>
    <message>
        <source>Right square bracket</source>
        <translation>右角かっこ</translation>
    </message>
    <message>
        <source>Caret</source>
        <translation>キャレット</translation>
    </message>
    <message>
        <source>Underscore</source>
        <translation>アンダーバー</translation>
    </message>
    <message>
        <source>Grave accent</source>
        <translation>バッククォート</translation>
    </message>
    <message>
        <source>Left curly bracket</source>
        <translation>左中かっこ</translation>
    </message>
    <message>
        <source>Vertical bar</source>
        <translation>縦線</translation>
    </message>
    <message>
        <source>Right curly bracket</source>
        <translation>右中かっこ</translation>
    </message>
    <message>
        <source>Tilde</source>
        <translation>チルダ</translation>
    </message>
    <message>
        <source>Click the keys with the mouse to enter the password. Keys typed on the PC keyboard are not used here: this protects the password against spyware that steals what is typed on the keyboard.</source>
        <translation>画面上のキーボードをマウスで押してパスワードを入力します。パソコンのキーボードからの入力は使われません。パソコンのキーボードで入力した情報を盗み取るスパイウェアからパスワードを守ります。</translation>
    </message>
</context>
<context>
    <name>enroll::client::StartPage</name>
    <message>
        <source>Rokin Wage Deduction Administration Support System</source>
        <translation>ろうきん賃金控除事務支援システム</translation>
    </message>
    <message>
        <source>Choose what you want to do.</source>
        <translation>行う操作を選んでください。</translation>
    </message>
    <message>
        <source>Certificate of this Windows account</source>
        <translation>このWindowsアカウントの電子証明書</translation>
    </message>
    <message>
        <source>Initial registration of the master user</source>
        <translation>マスターユーザーの初期登録</translation>
    </message>
    <message>
        <source>Initial registration of a general user</source>
        <translation>一般ユーザーの初期登録</translation>
    </message>
    <message>
        <source>Issue electronic certificate</source>
        <translation>電子証明書発行</translation>
    </message>
    <message>
        <source>This Windows account holds no electronic certificate from the bank yet.</source>
        <translation>このWindowsアカウントには、まだ労金の電子証明書がありません。</translation>
    </message>
    <message>
        <source>Electronic certificate of %1, valid until %2.</source>
        <translation>%1 の電子証明書(有効期限 %2)</translation>
    </message>
    <message>
        <source>The electronic certificate of %1 expired on %2. Please issue a new one.</source>
        <translation>%1 の電子証明書は %2 に有効期限が切れました。電子証明書を発行してください。</translation>
    </message>
    <message>
        <source>Renewal is open: use [Issue electronic certificate].</source>
        <translation>更新が可能です。[電子証明書発行]から更新してください。</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>ログイン</translation>
    </message>
    <message>
        <source>Shows the user authentication screen for issuing an electronic certificate.</source>
        <translation>「電子証明書発行 ユーザー認証」画面を表示します。</translation>
    </message>
    <message>
        <source>Logs in with the electronic certificate of this Windows account and shows your user information.</source>
        <translation>この Windows アカウントの電子証明書でログインし、ユーザー情報を表示します。</translation>
    </message>
    <message>
        <source>Shows the initial registration login screen of the master user.</source>
        <translation>「マスターユーザー初期登録ログイン」画面を表示します。</translation>
    </message>
    <message>
        <source>This PC renews the certificate by itself at your next Windows logon.</source>
        <translation>このパソコンは、次回のWindowsログオン時に電子証明書を自動で更新します。</translation>
    </message>
    <message>
        <source>This PC renews the certificate by itself at your first Windows logon from %1.</source>
        <translation>このパソコンは、%1 以降のWindowsログオン時に電子証明書を自動で更新します。</translation>
    </message>
    <message>
        <source>Connection check</source>
        <translation>接続診断</translation>
    </message>
    <message>
        <source>Checks the connection to the bank, this PC&apos;s certificate and its automatic renewal, for the bank&apos;s help desk.</source>
        <translation>労金への接続、このパソコンの電子証明書と自動更新の状態を確認します（労金のヘルプデスク向け）。</translation>
    </message>
    <message>
        <source>Before the initial setup, please have ready: ① the &quot;Notice of start of use (change)&quot; from the bank, ② the initial password the contractor applied for at the bank when signing the contract, ③ an e-mail address, ④ the user ID and password you will use.</source>
        <translation>ご利用開始時の初期設定を行う前に、次のものをご用意ください。①「ご利用開始(変更)のお知らせ」 ②ご契約時にご契約者様が労金に申請した初期パスワード ③メールアドレス ④ご利用いただくユーザーID・パスワード</translation>
    </message>
    <message>
        <source>User ID: %1</source>
        <translation>ユーザーID: %1</translation>
    </message>
    <message>
        <source>Password: %1</source>
        <translation>パスワード: %1</translation>
    </message>
    <message>
        <source>Only one master user can be registered per employer.</source>
        <translation>マスターユーザーは1事業主で1件のみ登録ができます。</translation>
    </message>
</context>
<context>
    <name>enroll::client::UserAuthenticationPage</name>
    <message>
        <source>Electronic certificate issuance: user authentication</source>
        <translation>電子証明書発行 ユーザー認証</translation>
    </message>
    <message>
        <source>Enter your user ID and password, then press [Authenticate].</source>
        <translation>ユーザーIDとパスワードを入力し、[認証]ボタンを押してください。</translation>
    </message>
    <message>
        <source>Authenticate</source>
        <translation>認証</translation>
    </message>
    <message>
        <source>[Authenticate] checks the user ID and password and sends an authentication code to your registered e-mail address.</source>
        <translation>[認証]ボタンを押すと、ユーザーIDとパスワードを確認し、ユーザーメールアドレスに認証コードを送信します。</translation>
    </message>
    <message>
        <source>Enter the user ID and password registered in the initial registration of the master user. A general user enters the user ID and initial password the master user gave.</source>
        <translation>前述の「マスターユーザーの初期登録」で登録したユーザーIDとパスワードを入力します。一般ユーザーは、マスターユーザーから知らされたユーザーIDと初期パスワードを入力します。</translation>
    </message>
    <message>
        <source>After 6 wrong passwords in a row, login is not possible for 60 minutes (lock). The lock is lifted after 60 minutes and you can log in again, but after the 3rd lock login is not possible any more (block) and the user ID entered can no longer be authenticated.</source>
        <translation>パスワードを連続して6回間違えた場合は、60分間ログイン不可(ロック)になります。ロック状態は60分経過後に解除され再度ログイン操作が可能になりますが、ロックを3回繰り返した場合にはログイン不可(閉塞)となり、入力したユーザーIDは認証できなくなります。</translation>
    </message>
    <message>
        <source>If an electronic certificate has already been issued to you, authentication is not possible; it becomes possible from 30 days before the certificate expires.</source>
        <translation>既に電子証明書を発行されている場合、認証を行えません。ただし有効期限が切れる30日前より認証可能になります。</translation>
    </message>
    <message>
        <source>When a lock or block happens, a notice is sent by e-mail to your registered address.</source>
        <translation>ロックまたは閉塞の状態になった場合、ご登録いただいたアドレスへメールでお知らせします。</translation>
    </message>
    <message>
        <source>If the master user is blocked, please contact the bank (Rokin).</source>
        <translation>マスターユーザーが閉塞の状態になった場合は、労金へお問い合わせください。</translation>
    </message>
    <message>
        <source>Stops the user authentication and shows the start screen.</source>
        <translation>ユーザー認証を中断し、「ろうきん賃金控除事務支援システムログイン画面」を表示します。</translation>
    </message>
    <message>
        <source>Runs the user authentication and sends an authentication code to your e-mail address.</source>
        <translation>ユーザー認証処理を実行し、ユーザーメールアドレスに認証コードを送信します。</translation>
    </message>
</context>
<context>
    <name>enroll::client::UsersController</name>
    <message>
        <source>%1 was registered. Tell the user the initial password; it must be changed at the first use.</source>
        <translation>%1 を登録しました。初期パスワードをご本人にお伝えください。初回利用時に変更が必要です。</translation>
    </message>
    <message>
        <source>%1 was disabled; its certificate is revoked.</source>
        <translation>%1 の利用を停止しました。電子証明書は失効しました。</translation>
    </message>
</context>
<context>
    <name>enroll::client::UsersPage</name>
    <message>
        <source>Users</source>
        <translation>ユーザー管理</translation>
    </message>
    <message>
        <source>The users of your contract. Register a general user, or stop a user&apos;s use.</source>
        <translation>ご契約のユーザーです。一般ユーザーの登録や利用停止ができます。</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>ユーザーID</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>権限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Register a general user: the user changes the initial password at its first use and then issues its own certificate on its own PC.</source>
        <translation>一般ユーザーの登録: 一般ユーザーは初回利用時に初期パスワードを変更し、ご自身のパソコンで電子証明書を発行します。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Stop use</source>
        <translation>利用停止</translation>
    </message>
    <message>
        <source>Stop the use of %1? Its electronic certificate is revoked at once and cannot be used again.</source>
        <translation>%1 の利用を停止しますか? 電子証明書はただちに失効し、再び使用することはできません。</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登録</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>ロック</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>閉塞</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>利用停止</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>利用中</translation>
    </message>
    <message>
        <source>Master user</source>
        <translation>マスターユーザー</translation>
    </message>
    <message>
        <source>General user</source>
        <translation>一般ユーザー</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Shows your user information again.</source>
        <translation>ユーザー情報の画面に戻ります。</translation>
    </message>
    <message>
        <source>Stops the use of the user selected in the list.</source>
        <translation>一覧で選択したユーザーの利用を停止します。</translation>
    </message>
    <message>
        <source>Registers a general user.</source>
        <translation>一般ユーザーを登録します。</translation>
    </message>
    <message>
        <source>Certificate valid until (Japan time)</source>
        <translation>証明書有効期限 (日本時間)</translation>
    </message>
</context>
</TS>
