<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>ErrorText</name>
    <message>
        <source>The bank's server cannot be reached. Please check the network connection and try again.</source>
        <translation>労金のサーバーに接続できません。ネットワークの接続をご確認のうえ、再度お試しください。</translation>
    </message>
    <message>
        <source>The server could not be confirmed as the bank's server, so the connection was stopped. Please contact your administrator or the bank.</source>
        <translation>接続先が労金のサーバーであることを確認できなかったため、接続を中止しました。システム管理者または労金へお問い合わせください。</translation>
    </message>
    <message>
        <source>The bank's server did not answer in time. Please try again later.</source>
        <translation>労金のサーバーから応答がありません。しばらく待ってから再度お試しください。</translation>
    </message>
    <message>
        <source>The bank's server gave an answer this program does not understand. Please try again later.</source>
        <translation>労金のサーバーから想定外の応答がありました。しばらく待ってから再度お試しください。</translation>
    </message>
    <message>
        <source>Sign-in is possible again from %1.</source>
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
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Rokin Enroll</source>
        <translation>ろうきん電子証明書発行</translation>
    </message>
    <message>
        <source>The bank's CA bundle is not set up on this PC. Please contact the bank.</source>
        <translation>このパソコンには労金の認証局証明書が設定されていません。労金にお問い合わせください。</translation>
    </message>
    <message>
        <source>The bank's CA bundle could not be read: %1</source>
        <translation>労金の認証局証明書を読み込めません: %1</translation>
    </message>
</context>
<context>
    <name>enroll::client::AccountPage</name>
    <message>
        <source>User information</source>
        <translation>契約ユーザー情報</translation>
    </message>
    <message>
        <source>Signed in with the electronic certificate of this PC.</source>
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
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Up to 20 full-width characters (kana and kanji)</source>
        <translation>全角20文字以下(カナ、漢字含む)</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Up to 50 half-width characters</source>
        <translation>半角英数50桁以下</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>Your current password, to confirm the change</source>
        <translation>変更の確認のため、現在のパスワードを入力</translation>
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
        <source>Authentication code</source>
        <translation>認証コード</translation>
    </message>
    <message>
        <source>6 half-width digits, valid for 30 minutes</source>
        <translation>半角数字6桁(有効期限30分)</translation>
    </message>
    <message>
        <source>If the e-mail does not arrive, check the registered address, or ask for a new code.</source>
        <translation>認証コードのメールが届かない場合は、登録されたメールアドレスを再度ご確認いただくか、認証コードを再送信してください。</translation>
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
        <source>Contract number: as written in the notice of start of use. Initial password: the password the employer gave the bank at contract time.</source>
        <translation>契約番号には「ご利用開始(変更)のお知らせ」に記載された契約番号を、初期パスワードには契約時にご契約者様が労金に申請したパスワードを入力します。</translation>
    </message>
    <message>
        <source>Contract number</source>
        <translation>契約番号</translation>
    </message>
    <message>
        <source>8 half-width digits</source>
        <translation>半角数字8桁</translation>
    </message>
    <message>
        <source>Initial password</source>
        <translation>初期パスワード</translation>
    </message>
    <message>
        <source>8 characters: upper- and lower-case letters, digits and symbols</source>
        <translation>8桁・半角英大・小文字、数字、記号の4種必須</translation>
    </message>
    <message>
        <source>After 6 wrong passwords in a row, login is locked for 60 minutes. After the 3rd lock, login is blocked: please contact the bank.</source>
        <translation>※ パスワードを連続して6回間違えた場合は、60分間ログイン不可(ロック)になります。ロックを3回繰り返した場合にはログイン不可(閉塞)となります。閉塞の状態になった場合は、労金へお問い合わせください。</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
</context>
<context>
    <name>enroll::client::EnrollmentController</name>
    <message>
        <source>A new authentication code was sent to %1.</source>
        <translation>%1 に新しい認証コードを送信しました。</translation>
    </message>
    <message>
        <source>Creating the key pair on this PC…</source>
        <translation>このパソコンで鍵ペアを生成しています…</translation>
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
        <source>Keeping the certificate safe until it is imported…</source>
        <translation>インポートまで電子証明書を安全に保管しています…</translation>
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
    <message>
        <source>The certificate interrupted last time was imported correctly.</source>
        <translation>前回中断された電子証明書は正しくインポートされました。</translation>
    </message>
    <message>
        <source>Your new password is registered.</source>
        <translation>新しいパスワードを登録しました。</translation>
    </message>
    <message>
        <source>The certificate on this PC cannot be used to sign in.</source>
        <translation>このパソコンの電子証明書でログインできません。</translation>
    </message>
    <message>
        <source>This Windows account holds no electronic certificate from the bank. Please issue one first.</source>
        <translation>このWindowsアカウントには労金の電子証明書がありません。先に電子証明書を発行してください。</translation>
    </message>
    <message>
        <source>Your user information was changed.</source>
        <translation>契約ユーザー情報を変更しました。</translation>
    </message>
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
        <source>The key of your certificate is made on this PC and never leaves it. The certificate is imported for the Windows account you are using now: issue it with the account you will work with.</source>
        <translation>電子証明書の鍵はこのパソコンで生成され、外部に送信されることはありません。電子証明書は現在ご利用中のWindowsログオンアカウントにインポートされます。本システムを利用する際のログオンアカウントで発行してください。</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>発行</translation>
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
        <source>Subject</source>
        <translation>発行先</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>シリアル番号</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有効期間(開始)</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>The certificate is valid for 366 days including today. Renewal is possible from 30 days before it expires. If this program is closed now, it finishes the import at its next start.</source>
        <translation>電子証明書の有効期限は発行日を含めて366日間です。証明書の更新は有効期限が切れる30日前より可能になります。この画面を閉じた場合は、次回起動時にインポートを完了します。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
</context>
<context>
    <name>enroll::client::IssuingPage</name>
    <message>
        <source>Issuing the electronic certificate</source>
        <translation>電子証明書発行中</translation>
    </message>
    <message>
        <source>Please wait. Issuance can take some tens of seconds.</source>
        <translation>そのままお待ちください。電子証明書の発行は、数十秒かかる場合があります。</translation>
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
        <source>Step %1 of %2: %3</source>
        <translation>手順 %1/%2: %3</translation>
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
        <source>New password</source>
        <translation>新しいパスワード</translation>
    </message>
    <message>
        <source>8-12 half-width characters: upper- and lower-case letters, digits and symbols</source>
        <translation>8～12桁・半角英大・小文字、数字、記号の4種必須</translation>
    </message>
    <message>
        <source>New password (again)</source>
        <translation>新しいパスワード再入力</translation>
    </message>
    <message>
        <source>The same password again, to confirm it</source>
        <translation>確認のため、同じパスワードを入力</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変更</translation>
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
        <source>User ID</source>
        <translation>ユーザーID</translation>
    </message>
    <message>
        <source>6-12 half-width characters, letters and digits both required</source>
        <translation>6～12桁・半角英、数字の2種必須</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>8-12 half-width characters: upper- and lower-case letters, digits and symbols</source>
        <translation>8～12桁・半角英大・小文字、数字、記号の4種必須</translation>
    </message>
    <message>
        <source>Password (again)</source>
        <translation>パスワード再入力</translation>
    </message>
    <message>
        <source>The same password again, to confirm it</source>
        <translation>確認のため、同じパスワードを入力</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Up to 20 full-width characters (kana and kanji)</source>
        <translation>全角20文字以下(カナ、漢字含む)</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Up to 50 half-width characters</source>
        <translation>半角英数50桁以下</translation>
    </message>
    <message>
        <source>E-mail address (again)</source>
        <translation>メールアドレス再入力</translation>
    </message>
    <message>
        <source>The same address again, to confirm it</source>
        <translation>確認のため、同じメールアドレスを入力</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登録</translation>
    </message>
    <message>
        <source>Employer: %1</source>
        <translation>事業主: %1</translation>
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
</context>
<context>
    <name>enroll::client::SoftKeyboard</name>
    <message>
        <source>Software keyboard for passwords</source>
        <translation>パスワード用ソフトウェアキーボード</translation>
    </message>
    <message>
        <source>Click the keys with the mouse to enter the password. Keys typed on the PC keyboard are not used here.</source>
        <translation>画面上のキーボードをマウスで押してパスワードを入力します。パソコンのキーボードからの入力は使われません。</translation>
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
        <source>User ID</source>
        <translation>ユーザーID</translation>
    </message>
    <message>
        <source>6-12 half-width characters, letters and digits both required</source>
        <translation>6～12桁・半角英、数字の2種必須</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>8-12 half-width characters: upper- and lower-case letters, digits and symbols</source>
        <translation>8～12桁・半角英大・小文字、数字、記号の4種必須</translation>
    </message>
    <message>
        <source>An authentication code will be sent to your registered e-mail address. If a certificate was already issued to you, authentication is possible only from 30 days before it expires.</source>
        <translation>認証後、ご登録のメールアドレスに認証コードを送信します。既に電子証明書を発行されている場合、認証を行えません。ただし有効期限が切れる30日前より認証可能になります。</translation>
    </message>
    <message>
        <source>Authenticate</source>
        <translation>認証</translation>
    </message>
</context>
<context>
    <name>enroll::client::UsersPage</name>
    <message>
        <source>Users</source>
        <translation>ユーザー管理</translation>
    </message>
    <message>
        <source>The users of your contract. Register a general user, or stop a user's use.</source>
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
        <source>Certificate valid until</source>
        <translation>証明書有効期限</translation>
    </message>
    <message>
        <source>Register a general user: the user changes the initial password at its first use and then issues its own certificate on its own PC.</source>
        <translation>一般ユーザーの登録: 一般ユーザーは初回利用時に初期パスワードを変更し、ご自身のパソコンで電子証明書を発行します。</translation>
    </message>
    <message>
        <source>6-12 half-width characters, letters and digits both required</source>
        <translation>6～12桁・半角英、数字の2種必須</translation>
    </message>
    <message>
        <source>Initial password</source>
        <translation>初期パスワード</translation>
    </message>
    <message>
        <source>8 characters: upper- and lower-case letters, digits and symbols</source>
        <translation>8桁・半角英大・小文字、数字、記号の4種必須</translation>
    </message>
    <message>
        <source>Up to 20 full-width characters (kana and kanji)</source>
        <translation>全角20文字以下(カナ、漢字含む)</translation>
    </message>
    <message>
        <source>Up to 50 half-width characters</source>
        <translation>半角英数50桁以下</translation>
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
</context>
</TS>